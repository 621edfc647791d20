// From trials to one time per (submission, workload) (docs/scoring.md §2).
import type { TrialHit } from "./time-to-target";

/**
 * Index (in listing order) of the best trial of a study, or -1 if no trial hit.
 *
 * docs/scoring.md §2.2: among the trials that hit, the smallest first-hit eval
 * INDEX wins, not the smallest time; ties go to the first trial in listing
 * order (upstream `index_reached.idxmin()` over os.listdir order).
 *
 * OUR extension, not upstream: a trial may be uploaded with a time but no eval
 * index. If any hitting trial of the study lacks its index, the indices
 * cannot be compared, so the smallest time wins instead (ties again to
 * listing order).
 */
export function bestTrialIndex(trials: readonly TrialHit[]): number {
  let anyWithoutIndex = false;
  for (const t of trials) {
    if (t.hitIndex !== null && t.hitTime === null) {
      throw new Error(`a trial has hit index ${t.hitIndex} but no hit time`);
    }
    if (t.hitTime !== null && t.hitIndex === null) anyWithoutIndex = true;
  }
  let best = -1;
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i]!;
    if (t.hitTime === null) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = trials[best]!;
    // Strict < keeps the earlier trial on ties (§2.2).
    const better = anyWithoutIndex ? t.hitTime < b.hitTime! : t.hitIndex! < b.hitIndex!;
    if (better) best = i;
  }
  return best;
}

/** Time of a study: its best trial's hit time, +Infinity if no trial hit (§2.2). */
export function studyTime(trials: readonly TrialHit[]): number {
  const i = bestTrialIndex(trials);
  return i < 0 ? Infinity : trials[i]!.hitTime!;
}

/**
 * np.median semantics (docs/scoring.md §2.3): +inf takes part like any number,
 * an even count gives (a+b)/2 of the two middle values, any NaN gives NaN.
 * No values gives NaN (= no data, §2.7).
 */
export function numpyMedian(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return NaN;
  for (const v of values) if (Number.isNaN(v)) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = n >> 1;
  // np.mean of the two middle values: 0 + a + b, then divided by 2.
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Time of one (submission, workload): the median over studies of the study
 * times (§2.3). Self-tuning studies have one trial each and go through the
 * same code (§2.4). A study with no trials does not exist upstream (no trial
 * directory, no DataFrame row, §2.1), so it is skipped; no studies at all
 * gives NaN (no data, §2.7).
 */
export function workloadTime(studies: readonly (readonly TrialHit[])[]): number {
  const times: number[] = [];
  for (const trials of studies) if (trials.length > 0) times.push(studyTime(trials));
  return numpyMedian(times);
}
