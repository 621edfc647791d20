// From one uploaded run to the stored Run fields: time-to-target from the
// eval series (docs/scoring.md §1, through lib/scoring), both time bases, the
// budget flag (§1.5) and the content hash. Pure: the round and workload come
// in as plain objects, problems come back as issues with JSON paths.
import type { Issue } from "@/lib/issue";
import { trialTimeToTarget, type Direction, type TimeBasis } from "@/lib/scoring";
import { packSeries, type PackedSeries } from "./packed-evals";
import type { UploadRun } from "./upload-schema";
import { runContentHash } from "./run-hash";
import type { RunAttributes, RunOutcome } from "./run-outcome";

export interface RoundSpec {
  slug: string;
  timeBasis: TimeBasis;
  /** Self-tuning budget multiplier (docs/scoring.md §6). */
  budgetFactor: number;
}

export interface WorkloadSpec {
  key: string;
  metricName: string;
  direction: Direction;
  target: number;
  budgetSeconds: number | null;
  budgetSteps: number | null;
}

/** A problem at a JSON path inside the request body, e.g. runs.3.timeToTarget.seconds. */
export type PathIssue = Issue;

export interface DerivedRun extends RunOutcome, RunAttributes {
  position: number;
  /** The eval series as stored, whichever form the upload sent it in (evals or packedEvals). */
  evals: PackedSeries | null;
  notes: string | null;
  contentHash: string;
}

// Two ways of giving the same fraction (e.g. seconds and fraction) must agree
// to float rounding, not exactly: the runner divided in another language.
const FRACTION_TOLERANCE = 1e-9;

/** The seconds budget of a workload in this round (budgetSeconds × budgetFactor), or null. */
export function secondsBudget(round: RoundSpec, w: WorkloadSpec): number | null {
  return w.budgetSeconds === null ? null : w.budgetSeconds * round.budgetFactor;
}

/** The best finite metric (NaN = no value), or null. */
function bestOf(metrics: Float64Array, direction: Direction): number | null {
  let best: number | null = null;
  for (const m of metrics) {
    if (m !== m) continue;
    if (best === null || (direction === "min" ? m < best : m > best)) best = m;
  }
  return best;
}

/**
 * Derives what is stored for one run. `at` is the run's JSON path prefix
 * (e.g. "runs.3"). Returns the run, or the issues that make it invalid;
 * `warnings` collects what is accepted but worth telling (e.g. over budget).
 */
export function deriveRun(
  run: UploadRun,
  round: RoundSpec,
  workload: WorkloadSpec,
  at: string,
  warnings: PathIssue[],
): { run: DerivedRun } | { issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const { reached, seconds, steps, givenFraction, firstHitIndex, bestMetric, evals, timePath } = measured(run, round, workload, at, issues, warnings);

  // Both time bases whenever the workload's budget allows it: seconds over
  // budgetSeconds × budgetFactor, steps over the step budget (the paper's unit).
  const budget = secondsBudget(round, workload);
  const fromSeconds = seconds !== null && budget !== null ? seconds / budget : null;
  const fromSteps = steps !== null && workload.budgetSteps !== null ? steps / workload.budgetSteps : null;
  const derived = workload.budgetSteps !== null ? (fromSteps ?? fromSeconds) : (fromSeconds ?? fromSteps);
  if (givenFraction !== null && derived !== null && Math.abs(givenFraction - derived) > FRACTION_TOLERANCE * Math.max(1, derived)) {
    const basis =
      derived === fromSteps
        ? `steps / budgetSteps = ${steps} / ${workload.budgetSteps}`
        : `seconds / (budgetSeconds × ${round.budgetFactor}) = ${seconds} / ${budget}`;
    issues.push({ path: `${timePath}.fraction`, message: `${givenFraction} disagrees with ${basis} = ${derived}; send one or make them agree` });
  }
  const fraction = derived ?? givenFraction;

  if (reached) {
    // The round must be able to score the run on its own basis.
    if (round.timeBasis === "seconds" && seconds === null) {
      issues.push({ path: `${timePath}.seconds`, message: `round "${round.slug}" is scored on seconds: a run that reached the target needs seconds` });
    }
    if (round.timeBasis === "budget_fraction" && fraction === null) {
      const ways = ["fraction", workload.budgetSteps !== null ? "steps" : null, budget !== null ? "seconds" : null].filter(Boolean).join(", ");
      issues.push({
        path: `${timePath}.fraction`,
        message: `round "${round.slug}" is scored on budget fractions: a run that reached the target needs one of ${ways}`,
      });
    }
  }
  if (issues.length > 0) return { issues };

  // A hit past the budget is flagged, not removed (docs/scoring.md §1.5).
  const overBudget = reached && flagOverBudget({ round, workload, seconds, steps, fraction, budget, fromSeconds, fromSteps, timePath }, warnings);

  const derivedRun = {
    reached,
    timeSeconds: reached ? seconds : null,
    timeFraction: reached ? fraction : null,
    steps: reached ? steps : null,
    firstHitIndex: reached ? firstHitIndex : null,
    bestMetric,
    position: run.position ?? 0,
    overBudget,
    evals,
    hardware: run.hardware ?? null,
    framework: run.framework ?? null,
    codeCommit: run.codeCommit ?? null,
    notes: run.notes ?? null,
    hyperparameters: run.hyperparameters ?? null,
    provenance: run.provenance ?? null,
  };
  return { run: { ...derivedRun, contentHash: runContentHash(derivedRun) } };
}

/** What the run measured: from its eval series (checked against the workload) or as sent in timeToTarget. */
function measured(run: UploadRun, round: RoundSpec, workload: WorkloadSpec, at: string, issues: PathIssue[], warnings: PathIssue[]) {
  let reached: boolean;
  let seconds: number | null;
  let steps: number | null;
  let givenFraction: number | null = null;
  let firstHitIndex: number | null;
  let bestMetric = run.bestMetric ?? null;
  let evals: DerivedRun["evals"] = null;
  let timePath: string;

  // Either form becomes one packed series (packSeries makes a null metric NaN).
  const sent = run.packedEvals
    ? { key: "packedEvals", metricName: run.packedEvals.metricName, series: run.packedEvals as PackedSeries }
    : run.evals
      ? { key: "evals", metricName: run.evals.metricName, series: packSeries(run.evals) }
      : null;
  if (sent) {
    const { key, series } = sent;
    if (sent.metricName != null && sent.metricName !== workload.metricName) {
      issues.push({
        path: `${at}.${key}.metricName`,
        message: `workload "${workload.key}" of round "${round.slug}" is scored on "${workload.metricName}", not "${sent.metricName}"`,
      });
    }
    // docs/scoring.md §1.3: a missing (NaN) metric never meets the target.
    const hit = trialTimeToTarget({ metric: series.metrics, time: series.times }, workload.target, workload.direction);
    reached = hit.hitIndex !== null;
    firstHitIndex = hit.hitIndex;
    seconds = hit.hitTime;
    steps = hit.hitIndex === null ? null : series.steps[hit.hitIndex]!;
    bestMetric ??= bestOf(series.metrics, workload.direction);
    evals = series;
    timePath = `${at}.${key}`;
    const times = series.times;
    for (let i = 1; i < times.length; i++) {
      if (times[i]! < times[i - 1]!) {
        warnings.push({
          path: `${at}.${key}.times.${i}`,
          message: `time ${times[i]} s is earlier than the eval before it (${times[i - 1]} s); times are cumulative`,
        });
        break;
      }
    }
  } else {
    const t = run.timeToTarget!;
    reached = t.reached;
    seconds = t.seconds ?? null;
    steps = t.steps ?? null;
    givenFraction = t.fraction ?? null;
    firstHitIndex = t.firstHitIndex ?? null;
    timePath = `${at}.timeToTarget`;
  }
  return { reached, seconds, steps, givenFraction, firstHitIndex, bestMetric, evals, timePath };
}

interface BudgetCheck {
  round: RoundSpec;
  workload: WorkloadSpec;
  seconds: number | null;
  steps: number | null;
  fraction: number | null;
  budget: number | null;
  fromSeconds: number | null;
  fromSteps: number | null;
  timePath: string;
}

/**
 * docs/scoring.md §1.5: the runner stops once accumulated time reaches the budget
 * (`accumulated_submission_time < max_runtime`), so a hit at or past it broke
 * the rules; steps run up to and including the step budget. Flagged (true, with
 * a warning), not removed. Only for a run that reached the target.
 */
function flagOverBudget(c: BudgetCheck, warnings: PathIssue[]): boolean {
  const { round, workload, seconds, steps, fraction, budget, fromSeconds, fromSteps, timePath } = c;
  if (seconds !== null && budget !== null && seconds >= budget) {
    warnings.push({
      path: `${timePath}`,
      message: `time-to-target ${seconds} s is at or past the budget of ${workload.key} (${workload.budgetSeconds} s × ${round.budgetFactor} = ${budget} s): stored with overBudget = true`,
    });
    return true;
  }
  if (steps !== null && workload.budgetSteps !== null && steps > workload.budgetSteps) {
    warnings.push({
      path: `${timePath}`,
      message: `time-to-target at step ${steps} is past the step budget of ${workload.key} (${workload.budgetSteps}): stored with overBudget = true`,
    });
    return true;
  }
  if (fraction !== null && fraction > 1 && fromSeconds === null && fromSteps === null) {
    warnings.push({ path: `${timePath}.fraction`, message: `time-to-target fraction ${fraction} is past the budget: stored with overBudget = true` });
    return true;
  }
  return false;
}
