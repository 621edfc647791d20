// What the analysis services share: the head of every response and the
// configuration metadata the horizon and calibration views read.
import "server-only";
import type { Configuration } from "@/lib/scoring/analysis";
import type { ResolvedSettings } from "@/lib/scoring";
import type { LoadedPool, PoolMixing, PoolSubmission, RoundInfo } from "./pool";

export interface AnalysisHead {
  round: RoundInfo;
  /** Settings after defaults, with `mode`, the sentence naming the integration. */
  settings: ResolvedSettings;
  /** Members in pool order (keys as in the scores API). */
  pool: string[];
  /** Display name of every key that appears in the response. */
  displayNames: Record<string, string>;
  /** The pool has members no admin has verified (docs/trust-model.md). */
  includesUnverified: boolean;
  /** A mixed pool (allowMixed=1) scored on its shared workloads; null otherwise (docs/hosting-a-round.md). */
  mixed: PoolMixing | null;
  /** True when the database was unreachable and this is the last result computed for the same request. */
  stale?: boolean;
}

export function analysisHead(pool: LoadedPool, settings: ResolvedSettings, extra: readonly PoolSubmission[] = []): AnalysisHead {
  return {
    round: pool.round,
    settings,
    pool: pool.submissions.map((s) => s.key),
    includesUnverified: pool.submissions.some((s) => !s.verified),
    mixed: pool.mixed,
    displayNames: Object.fromEntries([...pool.submissions, ...extra].map((s) => [s.key, s.displayName])),
  };
}

/**
 * Configuration metadata of the members. `selected` is the paper's Table 6
 * selection (Submission.extra.table6, set by the seed for the 12 configurations
 * the paper kept, one per algorithm x horizon); other rounds have none.
 */
export function configurationsOf(pool: LoadedPool): Configuration[] {
  return pool.submissions.map((s) => {
    const extra = pool.extra[s.key];
    return {
      name: s.key,
      baseAlgorithm: s.baseAlgorithm,
      horizon: s.horizon,
      searchRank: s.searchRank,
      selected: typeof extra === "object" && extra !== null && "table6" in extra,
    };
  });
}
