// Public surface of the scoring engine: pure functions, no I/O. The rules
// (docs/scoring.md §1–§5) live here and nowhere else; see README.md.
export type {
  Cell,
  CellStatus,
  Direction,
  Integration,
  PoolInput,
  ResolvedSettings,
  Scale,
  ScoreResult,
  ScoreSettings,
  SubmissionTimes,
  TimeBasis,
} from "./types";
export { metricDirection, firstHitIndex, meetsTarget, trialTimeToTarget } from "./time-to-target";
export type { TrialEvals, TrialHit, TimeToTargetOptions } from "./time-to-target";
export { bestTrialIndex, studyTime, numpyMedian, workloadTime } from "./aggregate";
export { applyHeldOutRules, baseWorkloadOf } from "./held-out";
export type { HeldOutResult } from "./held-out";
export { linspace, tauGrid } from "./profile";
export type { TauGrid } from "./profile";
export { exactScore, trapezoidIntegrator } from "./score";
export type { SummationOrder } from "./score";
export { geometricMeanTime } from "./geometric-mean";
export { OFFICIAL_SETTINGS, scorePool } from "./pool";
export { assertPoolCompatible, mixedPool } from "./pool-compatibility";
export type { MixedPool, PoolMember } from "./pool-compatibility";
export { poolFromRound, workloadFromDirectory } from "./from-trials";
export type { RoundTrial, RoundTrials } from "./from-trials";
export { decodeNumber, encodeNumber, scoringReport, stringifyScoring } from "./json";
export type { ScoringReport } from "./json";
export type { JsonNumber, NonFiniteToken } from "./json";
