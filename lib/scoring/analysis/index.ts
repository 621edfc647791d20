// Analysis views over a scored pool: uncertainty, pool sensitivity, horizon,
// calibration and tau sensitivity. Pure, like the rest of lib/scoring: every
// score is computed by scorePool; nothing here re-implements a rule.
export { BOOTSTRAP_DEFAULTS, bootstrapPool } from "./bootstrap";
export type { BootstrapMember, BootstrapOptions, BootstrapResult, StudyPoolInput, StudyTimes } from "./bootstrap";
export { tiedGroups, groupLabel } from "./ties";
export type { ScoreInterval, TiedGroup } from "./ties";
export { studyPoolFromRound } from "./studies";
export { competitionRanks, ranksOf } from "./ranks";
export { compareWithAndWithout, leaveOneOut, poolWithout } from "./sensitivity";
export type { LeaveOneOutRow, PoolComparison, ShiftRow, ShiftSummary } from "./sensitivity";
export type { Configuration } from "./configurations";
export { horizonView } from "./horizon";
export type { HorizonPoint, HorizonSeries, HorizonStep } from "./horizon";
export { calibrationView } from "./calibration";
export type { CalibrationAlgorithm, CalibrationGroup, CalibrationRow, CalibrationView } from "./calibration";
export { TAU_SWEEP_DEFAULTS, sweepTaus, tauSweep } from "./tau-sweep";
export type { TauSeries, TauSweep } from "./tau-sweep";
export { binomial, bestTrialOrder, expectedBestOfK, poolAtBudget, scoreAtBudget, timesAtBudget, trialBudget, trialPoolFromRound } from "./tuning-budget";
export type { BestOfK, TrialMember, TrialPoolInput } from "./tuning-budget";
export { tuningView } from "./tuning-curves";
export type { ReferenceAnswer, TuningSeries, TuningView, WorkloadCurve } from "./tuning-curves";
export { costView, trialGpuHours } from "./cost-to-target";
export type { CostMember, CostTrial, CostView, MemberCost, WorkloadCost } from "./cost-to-target";
export { hyperparameterSensitivity, sensitivityOrder } from "./hyperparameters";
export type { HparamAxis, HparamPoint, HparamSensitivity, HparamTrial, WorkloadSensitivity } from "./hyperparameters";
