// Head to head: geometric-mean speedups between pool members, and their
// paired bootstrap over studies.
//
// The convention is AlgoPerf's scoring/compute_speedups.py
// (mlcommons/submissions_algorithms), read line by line:
// - times are the per-workload medians over studies of get_workloads_time_to_target
//   (docs/scoring.md §2.2–§2.3), i.e. BEFORE the held-out and 4x rules (§3): a
//   time removed by the 4x filter still counts with its value;
// - only base workloads count (`merged_results.index.isin(config.base_workloads)`);
// - a missed target (+inf) counts as the workload's budget + 1 s, the budget
//   times 3 for the self-tuning ruleset (`replace_inf`); the caller passes these
//   values (`missValues`, LoadedPool.input.missValues: budget × the round's
//   budgetFactor + 1 s, or (budget + 1) / budget on the fraction basis). On the
//   v0.5 rounds these equal compute_speedups.py's hard-coded MAX_BUDGETS;
// - speedup = scipy.stats.gmean over workloads of time(comparison) / time(base);
// - both missed: (budget + 1) / (budget + 1) = 1, counted like any other workload;
// - a base workload neither side has logs for is not a column of the merged
//   DataFrame, so it is left out; one side without logs (NaN) makes the
//   geometric mean NaN.
// Our speedup of A over B is compute_speedups.py with base = A and
// comparison = B: gmean(time_B / time_A). Above 1, A is faster (B takes longer).
import { numpyMedian } from "../aggregate";
import { pairwiseSum } from "../numpy-sum";
import type { SubmissionTimes } from "../types";
import { fnv1a, seededIndex } from "./random";

export type Winner = "a" | "b" | "tie" | null;

export interface WorkloadComparison {
  workload: string;
  /** Per-workload medians as given (+inf = missed, NaN = no data). */
  a: number;
  b: number;
  /** The times the geometric mean uses: a miss replaced by its budget + 1 s. */
  aCounted: number;
  bCounted: number;
  /** bCounted / aCounted; NaN when a side has no data. Above 1, A is faster. */
  ratio: number;
  /** The faster side; "tie" on equal counted times (both missed included); null without data. */
  winner: Winner;
  /** False when neither side has data: the workload is left out, as in compute_speedups.py. */
  counted: boolean;
}

export interface HeadToHead {
  workloads: WorkloadComparison[];
  /** gmean of the ratios over the counted workloads (NaN when one is NaN). */
  speedup: number;
  wins: number;
  losses: number;
  ties: number;
}

function counted(time: number, miss: number): number {
  return time === Infinity ? miss : time;
}

function missOf(missValues: Readonly<Record<string, number>>, w: string): number {
  const miss = missValues[w];
  if (miss === undefined) throw new Error(`no miss value for base workload "${w}"`);
  return miss;
}

/** Per base workload and overall, A against B (see the head of this file). */
export function headToHead(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
  baseWorkloads: readonly string[],
  missValues: Readonly<Record<string, number>>,
): HeadToHead {
  const workloads = baseWorkloads.map((w): WorkloadComparison => {
    const miss = missOf(missValues, w);
    const ta = a[w] ?? NaN;
    const tb = b[w] ?? NaN;
    const aCounted = counted(ta, miss);
    const bCounted = counted(tb, miss);
    const ratio = bCounted / aCounted;
    const winner: Winner = Number.isNaN(ratio) ? null : aCounted < bCounted ? "a" : bCounted < aCounted ? "b" : "tie";
    return { workload: w, a: ta, b: tb, aCounted, bCounted, ratio, winner, counted: !(Number.isNaN(ta) && Number.isNaN(tb)) };
  });
  // scipy.stats.gmean: exp(mean(log(x))), the mean summed as numpy does.
  const logs = workloads.filter((c) => c.counted).map((c) => Math.log(c.ratio));
  const speedup = logs.length === 0 ? NaN : Math.exp(pairwiseSum(logs) / logs.length);
  const count = (x: Winner) => workloads.filter((c) => c.winner === x).length;
  return { workloads, speedup, wins: count("a"), losses: count("b"), ties: count("tie") };
}

/** A pool member with the study times behind its medians (as StudyTimes of bootstrap.ts). */
export interface SpeedupMember extends SubmissionTimes {
  studies: Readonly<Record<string, readonly number[]>>;
}

export interface SpeedupOptions {
  seed: number;
  resamples: number;
  level: number;
}

export interface PairSpeedup {
  a: string;
  b: string;
  /** gmean(time_B / time_A): above 1, A is faster. */
  speedup: number;
  /** Percentile interval over the resamples; null when no study of either side was resampled. */
  interval: [number, number] | null;
  /** Share of resamples with speedup > 1 (A faster); null without resampling. */
  aFaster: number | null;
}

export interface SpeedupMatrix {
  options: SpeedupOptions;
  members: string[];
  /** Whether any cell of the members has two or more studies. */
  resampled: boolean;
  /** pairs[i][j] = A = members[i] against B = members[j]; the diagonal is 1. */
  pairs: PairSpeedup[][];
}

/**
 * Resampled medians of one cell, drawn exactly as bootstrapPool
 * (lib/scoring/analysis/bootstrap.ts) draws them: a generator per cell seeded
 * with fnv1a(seed, submission, workload), as many studies as it has, with
 * replacement, np.median. So the same seed gives the uncertainty view's
 * resampled medians, and a cell's draws do not depend on the other members.
 * Null for a cell with fewer than two studies (not resampled).
 */
export function resampledMedians(seed: number, name: string, workload: string, studies: readonly number[], resamples: number): Float64Array | null {
  if (studies.length < 2) return null;
  const next = seededIndex(fnv1a(`${seed}\u0000${name}\u0000${workload}`), studies.length);
  const draw = new Array<number>(studies.length);
  const medians = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let j = 0; j < draw.length; j++) draw[j] = studies[next()]!;
    medians[r] = numpyMedian(draw);
  }
  return medians;
}

/** Per member, per base workload: log of the counted time in each resample (NaN = no data). */
function resampledLogs(m: SpeedupMember, baseWorkloads: readonly string[], missValues: Readonly<Record<string, number>>, o: SpeedupOptions) {
  let any = false;
  const logs = baseWorkloads.map((w) => {
    const miss = missOf(missValues, w);
    const medians = w in m.times ? resampledMedians(o.seed, m.name, w, m.studies[w] ?? [], o.resamples) : null;
    if (medians) any = true;
    const out = new Float64Array(o.resamples);
    for (let r = 0; r < o.resamples; r++) out[r] = Math.log(counted(medians ? medians[r]! : (m.times[w] ?? NaN), miss));
    return out;
  });
  return { logs, any };
}

/**
 * Every ordered pair of `members`: the geometric-mean speedup (headToHead)
 * and its paired bootstrap over studies. Paired: in resample r both sides
 * use their own resampled medians of draw r, so every pair (and every
 * cell of the matrix) sees the same resampled pool. The interval is the
 * percentile interval (np.percentile's linear interpolation, d3.quantileSorted).
 */
export function speedupMatrix(
  members: readonly SpeedupMember[],
  baseWorkloads: readonly string[],
  missValues: Readonly<Record<string, number>>,
  options: SpeedupOptions,
): SpeedupMatrix {
  validate(options);
  const per = members.map((m) => resampledLogs(m, baseWorkloads, missValues, options));
  const resampled = per.some((p) => p.any);
  const tail = (1 - options.level) / 2;
  const logs = new Float64Array(options.resamples);
  const pairs: PairSpeedup[][] = members.map((ma, i) =>
    members.map((mb, j): PairSpeedup => ({ a: ma.name, b: mb.name, speedup: i === j ? 1 : NaN, interval: null, aFaster: null })),
  );
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const [ma, mb] = [members[i]!, members[j]!];
      const ab = pairs[i]![j]!;
      const ba = pairs[j]![i]!;
      ab.speedup = headToHead(ma.times, mb.times, baseWorkloads, missValues).speedup;
      ba.speedup = headToHead(mb.times, ma.times, baseWorkloads, missValues).speedup;
      if (!(per[i]!.any || per[j]!.any) || Number.isNaN(ab.speedup)) continue;
      // Workloads counted: those with data on at least one side (the speedup is not NaN, so on both).
      const ws = baseWorkloads.map((_, k) => k).filter((k) => hasData(ma, baseWorkloads[k]!) || hasData(mb, baseWorkloads[k]!));
      const la = per[i]!.logs;
      const lb = per[j]!.logs;
      let aFaster = 0;
      let bFaster = 0;
      for (let r = 0; r < options.resamples; r++) {
        let sum = 0;
        for (const k of ws) sum += lb[k]![r]! - la[k]![r]!;
        logs[r] = sum / ws.length;
        if (logs[r]! > 0) aFaster++;
        else if (logs[r]! < 0) bFaster++;
      }
      // exp is increasing, so the sorted logs give the order of the speedups of A over B and,
      // negated and reversed, of B over A (the same numbers as summing lb - la the other way).
      logs.sort();
      ab.interval = [percentileOfExp(logs, tail, 1), percentileOfExp(logs, 1 - tail, 1)];
      ba.interval = [percentileOfExp(logs, tail, -1), percentileOfExp(logs, 1 - tail, -1)];
      ab.aFaster = aFaster / options.resamples;
      ba.aFaster = bFaster / options.resamples;
    }
  }
  return { options, members: members.map((m) => m.name), resampled, pairs };
}

/**
 * np.percentile (linear interpolation between order statistics, as
 * d3.quantileSorted) of exp(sign * x) over the sorted values x: the order
 * statistics are exp of the sorted logs (reversed for sign -1), and the
 * interpolation is done on the speedups themselves, not on their logs.
 */
function percentileOfExp(sortedLogs: Float64Array, p: number, sign: 1 | -1): number {
  const n = sortedLogs.length;
  const at = (k: number) => Math.exp(sign * sortedLogs[sign === 1 ? k : n - 1 - k]!);
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const v0 = at(lo);
  return lo + 1 < n ? v0 + (at(lo + 1) - v0) * (pos - lo) : v0;
}

/** Whether a member has data (not NaN) for a workload. */
function hasData(m: SubmissionTimes, workload: string): boolean {
  return !Number.isNaN(m.times[workload] ?? NaN);
}

function validate(o: SpeedupOptions): void {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new RangeError(`seed must be an integer in [0, 4294967295], got ${o.seed}`);
  if (!Number.isInteger(o.resamples) || o.resamples < 1) throw new RangeError(`resamples must be an integer >= 1, got ${o.resamples}`);
  if (!(o.level > 0 && o.level < 1)) throw new RangeError(`level must be in (0, 1), got ${o.level}`);
}
