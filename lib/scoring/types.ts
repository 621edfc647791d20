// Shared types of the scoring engine. Rule numbers (§n.m) refer to docs/scoring.md,
// the specification of the official AlgoPerf scoring code.

/** Whether a smaller or a larger validation metric is better (§1.2). */
export type Direction = "min" | "max";

/**
 * What a time means: wall-clock seconds of accumulated submission time (§1.1),
 * or a fraction of the workload budget (the paper's runtime fractions).
 * Ratios are only meaningful between times on the same basis.
 */
export type TimeBasis = "seconds" | "budget_fraction";

/** Spacing of the tau grid (§4.3). */
export type Scale = "linear" | "log";

/**
 * How the profile is turned into a score:
 * - "trapezoid": the official rule, np.trapz over the tau grid (§5.1–§5.3);
 * - "exact": the exact area under the step profile over [tauMin, tauMax]
 *   (our addition; it reproduces the paper's tables, see README.md).
 */
export type Integration = "trapezoid" | "exact";

/**
 * Why a (submission, base workload) cell has the ratio it has.
 * - hit: target reached and the time survived the §3 rules;
 * - not_reached: no study median reached the target (time +inf, §2.2–§2.3);
 * - over_4x: removed by the 4x filter (§3.4);
 * - variant_failed: disqualified by a held-out variant (§3.5); see `variant`;
 * - no_data: the submission has no logs for the workload (NaN, §2.7).
 */
export type CellStatus = "hit" | "not_reached" | "over_4x" | "variant_failed" | "no_data";

/**
 * Per-workload times of one submission. +Infinity = target not reached,
 * NaN = no data. A workload absent from the record is no data as well (§2.7);
 * a workload counts as present in the pool when at least one submission has
 * it as a key (whatever its value), like a column of the upstream DataFrame.
 */
export interface SubmissionTimes {
  name: string;
  times: Readonly<Record<string, number>>;
}

export interface PoolInput {
  /** The workloads that count towards the score; N = their number (§4.5). */
  baseWorkloads: readonly string[];
  /** Held-out variants (§3). Empty = every non-base column present acts as a variant (§3.2). */
  heldOutWorkloads: readonly string[];
  /** Pool members, in listing order (the order ties are broken by). */
  submissions: readonly SubmissionTimes[];
  /**
   * Optional per-base-workload value that replaces "not reached" in the
   * geometric-mean calibration metric (compute_speedups.py uses budget + 1 s).
   * Without it, `ScoreResult.geometricMeanTime` is null.
   */
  missValues?: Readonly<Record<string, number>> | null;
}

export interface ScoreSettings {
  /** Left end of the tau grid (§4.3). Official: 1. */
  tauMin: number;
  /** Right end of the tau grid; null = the largest finite ratio (§4.4). Official: 4. */
  tauMax: number | null;
  /** Number of grid points (§4.3). Official: 100. */
  points: number;
  /** Grid spacing and integration axis (§4.3). Official: "linear". */
  scale: Scale;
  /** Official: "trapezoid". */
  integration: Integration;
  /** Submission whose times are the ratio denominators (§4.2); null = the pool best (official). */
  reference: string | null;
}

/** Settings after defaults and the §4.4 rule, plus a sentence naming the mode. */
export interface ResolvedSettings extends ScoreSettings {
  tauMax: number;
  /** e.g. "official: trapezoid over the 100-point linear tau grid [1, 4], ratios to the pool best". */
  mode: string;
}

export interface Cell {
  /** The per-workload time as given, before the §3 rules (+inf = not reached, NaN = no data). */
  time: number;
  /**
   * The value the profile compares with tau (§4.1–§4.2): time after the §3
   * rules divided by the denominator, with DataFrame.update semantics.
   * +inf and NaN never count.
   */
  ratio: number;
  status: CellStatus;
  /** For status "variant_failed": the held-out variant that disqualified the cell (§3.5). */
  variant?: string;
}

export interface ScoreResult {
  settings: ResolvedSettings;
  /** Base workloads, in input order. */
  workloads: string[];
  scores: Record<string, number>;
  /** Submission names by score, descending (§5.4); ties and NaN scores: see scorePool. */
  ranking: string[];
  /** The tau grid (not its log10 for the log scale). */
  tau: number[];
  /** rho_s(tau) on `tau` (§4.5). */
  profiles: Record<string, number[]>;
  cells: Record<string, Record<string, Cell>>;
  /**
   * Per base workload, the pool minimum of the times after the §3 rules,
   * skipping NaN: the official ratio denominator (§4.1). +inf = nobody
   * reached the target, NaN = nobody has data.
   */
  best: Record<string, number>;
  /** Number of base workloads whose time is finite after the §3 rules (status "hit"). */
  targetsHit: Record<string, number>;
  /** Geometric mean of the base-workload times (see geometric-mean.ts), or null without missValues. */
  geometricMeanTime: Record<string, number> | null;
}
