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

/** What a stored run carries beside its outcome: whether it overran its budget, and what the runner declared about it. */
export interface RunAttributes {
  overBudget: boolean;
  hardware: string | null;
  framework: string | null;
  codeCommit: string | null;
  /** hparams.json of the trial, as uploaded. */
  hyperparameters: Record<string, unknown> | null;
  /** meta_data_<n>.json of the trial: gpuModel, gpuCount, seed, gitBranch, ... (lib/ingest/upload-schema.ts provenanceSchema). */
  provenance: Record<string, unknown> | null;
}
