// The cost model of a computation (docs/availability.md): every scoring of a
// pool costs members x (workloads + tau grid points) units, about what
// scorePool's time grows with (the ratios of every member and workload, then
// the profile of every member on every grid point); a request costs its number
// of scorings times that. One cap bounds every request, whatever parameter
// makes it large, so no request can hold a worker for long.
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
  scorings: number;
  members: number;
  workloads: number;
  points: number;
  /** What sets the number of scorings, as the request's parameters name it. */
  scoringsFrom: { parameter: string; scorings: string };
}

export function taskCost(task: ComputeTask): TaskCost {
  const members = task.input.submissions.length;
  const workloads = new Set([...task.input.baseWorkloads, ...task.input.heldOutWorkloads, ...task.input.submissions.flatMap((s) => Object.keys(s.times))]).size;
  const points = task.settings.points ?? DEFAULT_POINTS;
  const [scorings, scoringsFrom] = ((): [number, TaskCost["scoringsFrom"]] => {
    switch (task.kind) {
      case "bootstrap":
        return [task.resamples + 1, { parameter: "resamples", scorings: `resamples + 1 = ${task.resamples + 1}` }];
      case "tauSweep":
        return [task.taus.length, { parameter: "steps", scorings: `steps = ${task.taus.length}` }];
      case "leaveOneOut":
        return [members + 1, { parameter: "pool", scorings: `pool size + 1 = ${members + 1}` }];
      case "compare":
        return [2, { parameter: "submission", scorings: "2 (with and without)" }];
      case "score":
        return [1, { parameter: "pool", scorings: "1" }];
    }
  })();
  return { units: scorings * members * (workloads + points), scorings, members, workloads, points, scoringsFrom };
}

/** @throws AppError BAD_REQUEST naming the parameters and the cap when the task costs more than the cap. */
export function assertAffordable(task: ComputeTask): TaskCost {
  const cost = taskCost(task);
  const cap = costCap();
  if (cost.units <= cap) return cost;
  const fmt = (n: number) => n.toLocaleString("en-US");
  const formula =
    `scorings (${cost.scoringsFrom.scorings}) x pool size (${fmt(cost.members)}) x (workloads (${cost.workloads}) + points (${fmt(cost.points)}))` +
    ` = ${fmt(cost.units)}`;
  const parameters = [...new Set([cost.scoringsFrom.parameter, "pool", "points"])];
  throw new AppError(
    "BAD_REQUEST",
    `this request is too expensive: ${formula}, above the cap of ${fmt(cap)}; lower ${parameters.join(", ")} (docs/availability.md)`,
    parameters.map((path) => ({ path, message: `the request's cost ${fmt(cost.units)} is above the cap of ${fmt(cap)}` })),
  );
}
