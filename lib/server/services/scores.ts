// Scores of any pool of a round: the service behind the leaderboard pages,
// the compare page and GET /api/v1/rounds/<round>/scores (there is no tRPC
// procedure for scores). Times come from the
// derived WorkloadResult rows (one per submission x workload, docs/scoring.md §2),
// the rules from lib/scoring; results are cached per data version.
import type { Db } from "@/lib/db/client";
import { scoringReport, type ScoringReport } from "@/lib/scoring";
import { loadPool, poolRequest, readPoolView, scoreLoaded, type CellDetail, type PoolMixing, type PoolSubmission, type RoundInfo } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

export type { ScoreQuery } from "@/lib/server/schemas/scores";

export type { CellDetail, PoolMixing, PoolSubmission, RoundInfo } from "./pool";

export interface PoolScores extends ScoringReport {
  round: RoundInfo;
  /** Pool members in pool order (the order ties are broken by). */
  submissions: PoolSubmission[];
  /** Per member and workload (base and variants): both time bases and the study counts behind the cell. */
  details: Record<string, Record<string, CellDetail>>;
  /** The pool has members no admin has verified (only when the request named them; docs/trust-model.md). */
  includesUnverified: boolean;
  /** A mixed pool (allowMixed=1): its rounds, the shared workloads it is scored on and those dropped; null otherwise. */
  mixed: PoolMixing | null;
}

/**
 * Scores a pool of a round. Cached per data version of the rounds involved;
 * when the database is unreachable, the last result for the same request is
 * served with `stale: true` (else AppError 503).
 */
export async function scoreRound(db: Db, roundSlug: string, query: ScoreQuery = {}): Promise<PoolScores & { stale?: boolean }> {
  const request = poolRequest(roundSlug, query);
  return readPoolView(db, "scores", request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    const includesUnverified = pool.submissions.some((s) => !s.verified);
    return {
      round: pool.round,
      submissions: pool.submissions,
      details: pool.details,
      includesUnverified,
      mixed: pool.mixed,
      ...scoringReport(await scoreLoaded(pool)),
    };
  });
}
