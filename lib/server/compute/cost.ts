// The cost model of a computation (docs/availability.md §1): every scoring of
// a pool costs members x (workloads + tau grid points) units, about what
// scorePool's time grows with (the ratios of every member and workload, then
// the profile of every member on every grid point); a request costs its number
// of scorings times that. The speedup matrix does no scoring per resample: it
// is counted by its own loops, in units of about the same time (measured, see
// matrixCost). One cap bounds every request, whatever parameter makes it
// large, so no request can hold a worker for long.
import { AppError } from "@/lib/server/errors";
import type { ComputeTask } from "./tasks";

/** Default cap: about 1 to 6 s of one core (20 to 130 ns a unit, measured). */
export const DEFAULT_COST_CAP = 50_000_000;

export function costCap(): number {
  const v = Number(process.env.ANALYSIS_COST_CAP);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_COST_CAP;
}

/** The official grid when a request names no `points` (docs/scoring.md §4.3). */
const DEFAULT_POINTS = 100;

export interface TaskCost {
  units: number;
  /** How the units were counted, with the request's numbers (for the 400). */
  formula: string;
  /** The request parameters the cost grows with. */
  parameters: string[];
}

const fmt = (n: number) => n.toLocaleString("en-US");

function poolShape(task: ComputeTask) {
  const members = task.input.submissions.length;
  const workloads = new Set([...task.input.baseWorkloads, ...task.input.heldOutWorkloads, ...task.input.submissions.flatMap((s) => Object.keys(s.times))]).size;
  const points = task.settings.points ?? DEFAULT_POINTS;
  return { members, workloads, points };
}

/** Scorings of a task made of scorePool calls, and the request parameter that sets their number. */
function scoringsOf(task: Exclude<ComputeTask, { kind: "speedups" | "headToHead" }>, members: number): [number, string, string] {
  switch (task.kind) {
    case "bootstrap":
      return [task.resamples + 1, "resamples", `resamples + 1 = ${task.resamples + 1}`];
    case "tauSweep":
      return [task.taus.length, "steps", `steps = ${task.taus.length}`];
    case "leaveOneOut":
      return [members + 1, "pool", `pool size + 1 = ${members + 1}`];
    case "compare":
      return [2, "submission", "2 (with and without)"];
    case "score":
      return [1, "pool", "1"];
    case "leaveWorkloadOut":
      return [task.input.baseWorkloads.length, "pool", `base workloads = ${task.input.baseWorkloads.length}`];
    case "robustness": {
      // The point scoring, one per base workload left out, the bootstrap over studies (resamples + 1), the one over workloads (resamples).
      const n = 2 * task.resamples + task.input.baseWorkloads.length + 2;
      return [n, "resamples", `2 x resamples + base workloads + 2 = ${n}`];
    }
  }
}

/**
 * The speedup matrix (lib/scoring/analysis/speedup.ts) in units measured
 * against a scoring's: a resampled median costs 4 units per study drawn
 * and its log 1 (per member, base workload and resample); a pair with a
 * resampled side 1 unit per workload and resample (the paired differences);
 * every pair 1,000 (its two head-to-heads); plus one scoring of the pool
 * (the ranking the matrix is ordered by). Measured on the development
 * machine: 56 to 106 ns a unit from 2 to 120 members, 100 to 10,000
 * resamples, in the range of a scoring's unit.
 */
function matrixCost(task: Extract<ComputeTask, { kind: "speedups" | "headToHead" }>): TaskCost {
  const { members, workloads, points } = poolShape(task);
  const base = task.input.baseWorkloads;
  const n = task.kind === "headToHead" ? Math.min(2, members) : members;
  const subs = task.input.submissions.slice(0, n);
  const resampledCells = (s: (typeof subs)[number]) => base.filter((w) => w in s.times && (s.studies[w]?.length ?? 0) >= 2);
  const studiesDrawn = subs.reduce((sum, s) => sum + resampledCells(s).reduce((k, w) => k + s.studies[w]!.length, 0), 0);
  const fixed = n - subs.filter((s) => resampledCells(s).length > 0).length;
  const pairs = (n * (n - 1)) / 2;
  const resampledPairs = pairs - (fixed * (fixed - 1)) / 2;
  const draws = task.resamples * (4 * studiesDrawn + n * base.length);
  const paired = resampledPairs * base.length * task.resamples;
  const scoring = members * (workloads + points);
  const units = draws + paired + 1000 * pairs + scoring;
  const formula =
    `resamples (${fmt(task.resamples)}) x (4 x studies drawn (${fmt(studiesDrawn)}) + members x base workloads (${n} x ${base.length}))` +
    ` + resampled pairs (${fmt(resampledPairs)}) x base workloads (${base.length}) x resamples + 1,000 x pairs (${fmt(pairs)})` +
    ` + pool size (${members}) x (workloads (${workloads}) + points (${fmt(points)})) = ${fmt(units)}`;
  return { units, formula, parameters: ["resamples", "pool", "points"] };
}

export function taskCost(task: ComputeTask): TaskCost {
  if (task.kind === "speedups" || task.kind === "headToHead") return matrixCost(task);
  const { members, workloads, points } = poolShape(task);
  const [scorings, parameter, scorings_] = scoringsOf(task, members);
  const units = scorings * members * (workloads + points);
  const formula = `scorings (${scorings_}) x pool size (${fmt(members)}) x (workloads (${workloads}) + points (${fmt(points)})) = ${fmt(units)}`;
  return { units, formula, parameters: [...new Set([parameter, "pool", "points"])] };
}

/** @throws AppError BAD_REQUEST naming the parameters and the cap when the task costs more than the cap. */
export function assertAffordable(task: ComputeTask): TaskCost {
  const cost = taskCost(task);
  const cap = costCap();
  if (cost.units <= cap) return cost;
  throw new AppError(
    "BAD_REQUEST",
    `this request is too expensive: ${cost.formula}, above the cap of ${fmt(cap)}; lower ${cost.parameters.join(", ")} (docs/availability.md)`,
    cost.parameters.map((path) => ({ path, message: `the request's cost ${fmt(cost.units)} is above the cap of ${fmt(cap)}` })),
  );
}
