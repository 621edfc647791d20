// From the per-trial results of a leaderboard round to a times table
// (docs/scoring.md §2). The shape is that of one entry of `rounds` in
// data/published/algoperf_leaderboards.json.
import type { PoolInput, SubmissionTimes } from "./types";
import { workloadTime } from "./aggregate";

export interface RoundTrial {
  trial: string;
  /** Eval index of the first hit, null = never reached. */
  hit_index: number | null;
  /** accumulated_submission_time at that eval (s), null = never reached. */
  hit_time: number | null;
}

export interface RoundTrials {
  base_workloads: readonly string[];
  held_out_workloads: readonly string[];
  /** submission → `<workload>_<framework>` → `study_k` → trials in listing order. */
  submissions: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly RoundTrial[]>>>>>>;
}

/** docs/scoring.md §2.6: the workload is the directory name without `_(jax|pytorch)$`. */
export function workloadFromDirectory(directory: string): string {
  return directory.replace(/_(jax|pytorch)$/, "");
}

/**
 * Per-workload times of every submission of a round: best trial per study
 * (§2.2), median over studies (§2.3, §2.4), NaN where a submission has no
 * logs for a workload (§2.7, by omission from its record). Submissions keep
 * the round's key order; trials keep their listed order, which decides ties.
 *
 * @throws Error when a submission has the same workload in two frameworks
 *   (upstream's pivot raises, §2.6).
 */
export function poolFromRound(round: RoundTrials): PoolInput {
  const submissions: SubmissionTimes[] = Object.entries(round.submissions).map(([name, directories]) => {
    const times: Record<string, number> = {};
    const seenIn = new Map<string, string>();
    for (const [directory, studies] of Object.entries(directories)) {
      const workload = workloadFromDirectory(directory);
      const earlier = seenIn.get(workload);
      if (earlier !== undefined) {
        throw new Error(
          `submission "${name}" has workload "${workload}" twice ("${earlier}" and "${directory}"); ` +
            `the official scoring cannot pivot that (docs/scoring.md §2.6)`,
        );
      }
      seenIn.set(workload, directory);
      times[workload] = workloadTime(Object.values(studies).map((trials) => trials.map((t) => ({ hitIndex: t.hit_index, hitTime: t.hit_time }))));
    }
    return { name, times };
  });
  return { baseWorkloads: round.base_workloads, heldOutWorkloads: round.held_out_workloads, submissions };
}
