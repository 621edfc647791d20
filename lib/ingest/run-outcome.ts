// What a run's eval series says about its target (docs/scoring.md §1): the
// derived fields every shape of a run carries (derived, hashed, seeded,
// refreshed, shown), defined once.
export interface RunOutcome {
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  steps: number | null;
  firstHitIndex: number | null;
  bestMetric: number | null;
}
