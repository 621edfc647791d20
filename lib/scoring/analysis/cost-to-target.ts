// Cost to target in GPU-hours (docs/analysis-tuning.md "Cost to target"):
// time × GPU count of the run's hardware, per workload, per study and for a
// whole submission including every tuning trial.
import { numpyMedian, studyTime } from "../aggregate";

/** One trial with what it cost to run. */
export interface CostTrial {
  /** Time-to-target (s), null = the target was never reached. */
  hitTime: number | null;
  /** First-hit eval index (the §2.2 best-trial order), null = missed or unknown. */
  hitIndex: number | null;
  /** Time of the trial's last eval (s): what a missed trial ran; null = unknown. */
  lastEvalTime: number | null;
  /** GPUs the trial ran on (Run.provenance.gpuCount), null = unknown. */
  gpuCount: number | null;
  /** Hardware class shown beside every cost, e.g. "8x Tesla V100-SXM2-16GB"; null = unknown. */
  hardware: string | null;
}

export interface CostMember {
  name: string;
  /** workload → studies → trials. */
  studies: Readonly<Record<string, readonly (readonly CostTrial[])[]>>;
}

export interface WorkloadCost {
  workload: string;
  /** GPU-hours of the result: the official workload time (median of study bests, §2.2–§2.3) × GPUs; +inf = not reached, null = GPU count unknown. */
  toTarget: number | null;
  /** GPU-hours of every study's search: each trial up to its hit, or to its last eval when it missed; null = some trial's cost unknown. */
  perStudy: (number | null)[];
  /** Sum of perStudy; null when any is unknown. */
  search: number | null;
}

export interface MemberCost {
  name: string;
  workloads: WorkloadCost[];
  /** GPU-hours of all trials of all workloads (null when any is unknown). */
  total: number | null;
  /** total × price per GPU-hour (null without a price or a total). */
  price: number | null;
  /** Distinct hardware classes of its trials ("unknown" for none given). */
  hardware: string[];
}

export interface CostView {
  members: MemberCost[];
  /** Members by total cost, ascending; unknown totals last, ties in pool order. */
  ranking: string[];
  /** True when the pool's trials ran on more than one hardware class: costs are not like for like. */
  mixedHardware: boolean;
}

const HOUR = 3600;

/** GPU-hours one trial ran: up to its hit, or its whole run (last eval) when it missed. */
export function trialGpuHours(t: CostTrial): number | null {
  const seconds = t.hitTime ?? t.lastEvalTime;
  return seconds === null || t.gpuCount === null ? null : (seconds * t.gpuCount) / HOUR;
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

function workloadCost(workload: string, studies: readonly (readonly CostTrial[])[]): WorkloadCost {
  const nonEmpty = studies.filter((s) => s.length > 0);
  const perStudy = nonEmpty.map((s) => sumOrNull(s.map(trialGpuHours)));
  const gpus = new Set(nonEmpty.flatMap((s) => s.map((t) => t.gpuCount)));
  // The result's cost needs one GPU count for the workload's trials.
  const gpuCount = gpus.size === 1 ? [...gpus][0]! : null;
  const time = numpyMedian(nonEmpty.map((s) => studyTime(s)));
  const toTarget = gpuCount === null || Number.isNaN(time) ? null : time === Infinity ? Infinity : (time * gpuCount) / HOUR;
  return { workload, toTarget, perStudy, search: sumOrNull(perStudy) };
}

/**
 * GPU-hours per member and workload, the total of every trial, its price at
 * `pricePerGpuHour` (null = no price), a ranking by total and the mixed-hardware flag.
 */
export function costView(members: readonly CostMember[], pricePerGpuHour: number | null): CostView {
  const costs = members.map((m) => {
    const workloads = Object.entries(m.studies).map(([w, s]) => workloadCost(w, s));
    const total = sumOrNull(workloads.map((w) => w.search));
    const hardware = [...new Set(Object.values(m.studies).flatMap((ss) => ss.flatMap((s) => s.map((t) => t.hardware ?? "unknown"))))].sort();
    return { name: m.name, workloads, total, price: total === null || pricePerGpuHour === null ? null : total * pricePerGpuHour, hardware };
  });
  const order = costs.map((_, i) => i).sort((a, b) => (costs[a]!.total ?? Infinity) - (costs[b]!.total ?? Infinity) || a - b);
  const classes = new Set(costs.flatMap((c) => c.hardware));
  return { members: costs, ranking: order.map((i) => costs[i]!.name), mixedHardware: classes.size > 1 };
}
