// The shape in which a whole round (workloads, submissions, runs) is loaded into
// the database by the seed and `npm run cli -- import`. Published tables and
// leaderboards are converted to it by the importers in ingest/published/.
import type { SubmissionListing } from "@/lib/submission-fields";
import type { RunOutcome } from "./run-outcome";
import type { Direction, Ruleset, SubmissionSource, TimeBasis, WorkloadRole } from "@/lib/db/generated/prisma/enums";

export interface WorkloadSeed {
  key: string;
  position: number;
  role: WorkloadRole;
  baseKey: string | null;
  displayName: string;
  task: string | null;
  dataset: string | null;
  model: string | null;
  loss: string | null;
  metricName: string;
  metricLabel: string | null;
  direction: Direction;
  target: number;
  testTarget: number | null;
  budgetSeconds: number | null;
  budgetSteps: number | null;
  batchSize: number | null;
  /** `step_hint` of the official targets file. */
  stepHint?: number | null;
  notes: string | null;
}

export interface RunSeed extends RunOutcome {
  workload: string;
  study: number;
  trial: number;
  /** Listing order inside the study (docs/scoring.md §2.2 tie rule). */
  position: number;
  framework: string | null;
  /** Hardware class, e.g. "8x Tesla V100-SXM2-16GB". */
  hardware?: string | null;
  /** The trial's hparams.json. */
  hyperparameters?: Record<string, unknown> | null;
  /** As an upload's provenance (lib/ingest/upload-schema.ts provenanceSchema): here gpuModel and gpuCount. */
  provenance?: Record<string, unknown> | null;
  /** Seconds the whole trial ran, when no eval series is stored (Run.runSeconds). */
  runSeconds?: number | null;
}

export interface SubmissionSeed extends SubmissionListing {
  framework: string | null;
  source: Extract<SubmissionSource, "published" | "imported">;
  importedFrom: string;
  inDefaultPool: boolean;
  notes: string | null;
  extra: Record<string, unknown> | null;
  runs: RunSeed[];
}

export interface RoundSeed {
  slug: string;
  name: string;
  benchmarkVersion: string;
  ruleset: Ruleset;
  timeBasis: TimeBasis;
  description: string;
  source: string;
  position: number;
  budgetFactor: number;
  studiesExpected: number;
  trialsExpected: number;
  /** Holds published results: closed to upload tokens (docs/trust-model.md). Default false: open to uploads. */
  published?: boolean;
  /** Reference hardware class, e.g. "4x A100". */
  hardware?: string | null;
  /** Where the targets came from (targets file name). */
  targetsSource?: string | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
  workloads: WorkloadSeed[];
  submissions: SubmissionSeed[];
}

/** The optional fields of a round with their defaults, as stored (seeds and `round create` leave them out alike). */
export function roundOptionalFields(r: Pick<RoundSeed, "published" | "hardware" | "targetsSource" | "opensAt" | "closesAt">) {
  return {
    published: r.published ?? false,
    hardware: r.hardware ?? null,
    targetsSource: r.targetsSource ?? null,
    opensAt: r.opensAt ?? null,
    closesAt: r.closesAt ?? null,
  };
}
