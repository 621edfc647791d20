// Per-study times of a leaderboard round given as trials (the shape of
// data/published/algoperf_leaderboards.json), for the bootstrap.
import { studyTime } from "../aggregate";
import { poolFromRound, workloadFromDirectory, type RoundTrials } from "../from-trials";
import type { StudyPoolInput } from "./bootstrap";

/**
 * poolFromRound (best trial per study, median over studies, docs/scoring.md §2)
 * plus the study times behind every median: studyTime of each study, in
 * listing order, skipping studies without trials as §2.1 does.
 */
export function studyPoolFromRound(round: RoundTrials): StudyPoolInput {
  const pool = poolFromRound(round);
  return {
    ...pool,
    submissions: pool.submissions.map((sub) => {
      const studies: Record<string, number[]> = {};
      for (const [directory, byStudy] of Object.entries(round.submissions[sub.name]!)) {
        studies[workloadFromDirectory(directory)] = Object.values(byStudy)
          .filter((trials) => trials.length > 0)
          .map((trials) => studyTime(trials.map((t) => ({ hitIndex: t.hit_index, hitTime: t.hit_time }))));
      }
      return { ...sub, studies };
    }),
  };
}
