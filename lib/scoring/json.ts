// JSON has no Infinity or NaN; the scoring results are full of both
// (+inf = not reached, NaN = no data). They travel as strings.
import type { ScoreResult } from "./types";

export type NonFiniteToken = "inf" | "-inf" | "nan";
export type JsonNumber = number | NonFiniteToken;

export function encodeNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return "nan";
  return x > 0 ? "inf" : "-inf";
}

/** Inverse of encodeNumber. @throws Error for any other string. */
export function decodeNumber(x: JsonNumber | string): number {
  if (typeof x === "number") return x;
  if (x === "inf") return Infinity;
  if (x === "-inf") return -Infinity;
  if (x === "nan") return NaN;
  throw new Error(`expected a number, "inf", "-inf" or "nan", got "${x}"`);
}

/** JSON.stringify that writes non-finite numbers as "inf" / "-inf" / "nan" instead of null. */
export function stringifyScoring(value: unknown, space?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" ? encodeNumber(v) : v), space);
}

/**
 * The report every scoring interface prints (CLI `score`, the scores API, the
 * pages' data): one shape, so their numbers can be compared one to one.
 */
export function scoringReport(r: ScoreResult) {
  return {
    settings: r.settings,
    workloads: r.workloads,
    scores: r.scores,
    ranking: r.ranking,
    targetsHit: r.targetsHit,
    best: r.best,
    tau: r.tau,
    profiles: r.profiles,
    cells: r.cells,
    geometricMeanTime: r.geometricMeanTime,
  };
}
export type ScoringReport = ReturnType<typeof scoringReport>;
