// The upload runs of AlgoPerf trial folders: each trial's eval series
// (eval_measurements.csv), hyperparameters and provenance, as `cli upload`
// sends them. Pure apart from reading the trial folders, so that it runs the
// same on the CLI's reader thread (trial-reader.ts) or in-process.
import path from "node:path";
import type { UploadInput } from "@/lib/ingest/upload-schema";
import { parseEvalCsv } from "./eval-csv";
import { provenanceFromMeta, provenanceRecord, readTrialFiles, type TrialFolder } from "./experiment-dir";

export type RunInput = UploadInput["runs"][number];

export interface TrialRunsRequest {
  trials: TrialFolder[];
  /** The round's workloads: key and the metric column compared with the target. */
  workloads: { key: string; metricName: string }[];
  roundSlug: string;
  /** --hardware and --code-commit, which override meta_data_*.json. */
  hardware?: string;
  codeCommit?: string;
}

export function runsFromTrials(req: TrialRunsRequest): RunInput[] {
  const workloads = new Map(req.workloads.map((w) => [w.key, w]));
  const runs: RunInput[] = [];
  for (const t of req.trials) {
    const w = workloads.get(t.workload);
    if (!w)
      throw new Error(
        `${t.dir}: round "${req.roundSlug}" has no workload "${t.workload}" (from folder ${t.workloadDir}); workloads: ${req.workloads.map((x) => x.key).join(", ")}`,
      );
    const files = readTrialFiles(t);
    let series;
    try {
      series = parseEvalCsv(files.csv, w.metricName);
    } catch (e) {
      throw new Error(`${path.join(t.dir, "eval_measurements.csv")}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const provenance = provenanceFromMeta(files.meta);
    runs.push({
      submission: t.submission,
      workload: t.workload,
      study: t.study,
      trial: t.trial,
      position: t.position,
      clientRunId: t.relative,
      evals: { metricName: series.metricName, steps: series.steps, times: series.times, metrics: series.metrics },
      hardware: req.hardware ?? provenance.hardware,
      framework: t.framework,
      codeCommit: req.codeCommit ?? provenance.codeCommit,
      hyperparameters: files.hparams,
      provenance: provenanceRecord(files.meta, files.metaFile),
    });
  }
  return runs;
}
