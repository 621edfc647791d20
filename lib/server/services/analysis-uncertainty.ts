// Uncertainty over studies: GET /api/v1/rounds/<round>/uncertainty and the
// uncertainty page. Bootstrap of the study medians (lib/scoring/analysis).
import "server-only";
import type { Db } from "@/lib/db/client";
import { uncertaintyParamsSchema, type UncertaintyParams } from "@/lib/server/schemas/analysis-uncertainty";
import type { BootstrapMember, TiedGroup } from "@/lib/scoring/analysis";
import { compute } from "@/lib/server/compute/pool";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

/** A member's bootstrap result (interval: the 95% percentile interval of the score, null when none can be computed; groups: tied-group letters). */
export interface UncertaintyMember extends Pick<BootstrapMember, "score" | "rank" | "interval" | "rankInterval" | "groups" | "aboveNext"> {
  key: string;
  /** Fewest and most studies behind its base-workload medians. */
  studies: [number, number];
}

export interface UncertaintyReport extends AnalysisHead {
  method: { seed: number; resamples: number; level: number; description: string };
  available: boolean;
  reason: string | null;
  resampledCells: number;
  /** By point score, descending. */
  submissions: UncertaintyMember[];
  tiedGroups: TiedGroup[];
}

export const UNCERTAINTY_METHOD =
  "Bootstrap over studies: every resample draws, for each submission x workload (held-out variants included), as many studies as it has, " +
  "with replacement, from the best trial of each study; takes their median (np.median); and rescores the whole pool with the official rules " +
  "(held-out rules, 4x filter, ratios to the resampled pool's best, profile integration). Intervals are the 2.5th and 97.5th percentiles " +
  "of the resampled scores (linear interpolation, as np.percentile); rank intervals are those of the competition ranks, widened to whole ranks. " +
  "Tied groups are the maximal sets of submissions whose score intervals all share a common value.";

export async function uncertaintyOfPool(db: Db, roundSlug: string, query: ScoreQuery, options: Partial<UncertaintyParams> = {}): Promise<UncertaintyReport> {
  const { seed, resamples } = uncertaintyParamsSchema.parse(options);
  const request = poolRequest(roundSlug, query);
  return readPoolView(db, `uncertainty|${seed}|${resamples}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions, { studies: true });
    const input = { ...pool.input, submissions: pool.input.submissions.map((s) => ({ ...s, studies: pool.studies![s.name] ?? {} })) };
    const result = await compute({ kind: "bootstrap", input, settings: pool.settings, seed, resamples });
    const base = pool.input.baseWorkloads;
    return {
      ...analysisHead(pool, result.settings),
      method: { seed, resamples, level: result.options.level, description: UNCERTAINTY_METHOD },
      available: result.available,
      reason: result.reason,
      resampledCells: result.resampledCells,
      submissions: result.members.map((m) => {
        const counts = base.map((w) => pool.details[m.name]?.[w]?.studies ?? 0);
        return {
          key: m.name,
          score: m.score,
          rank: m.rank,
          interval: m.interval,
          rankInterval: m.rankInterval,
          studies: [Math.min(...counts), Math.max(...counts)] as [number, number],
          groups: m.groups,
          aboveNext: m.aboveNext,
        };
      }),
      tiedGroups: result.groups,
    };
  });
}
