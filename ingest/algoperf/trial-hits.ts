// Each trial's time-to-target from its eval_measurements.csv, as `cli score`
// reads a round (experiment-round.ts): pure apart from reading the files.
import path from "node:path";
import { meetsTarget, trialTimeToTarget, type Direction, type TrialHit } from "@/lib/scoring";
import { parseEvalCsv } from "./eval-csv";
import { EVAL_FILE, readEvalFile } from "./experiment-dir";

export interface TrialHitsRequest {
  trials: { dir: string; metricName: string; target: number; direction: Direction }[];
  /** How numbers are converted (parseEvalCsv): correctly rounded (default) or as pandas.read_csv does. */
  numbers?: "exact" | "pandas";
}

/** A trial's hit, or the message naming the file when it cannot be read. */
export type TrialHitResult = { hit: TrialHit } | { error: string };

export function trialHits(req: TrialHitsRequest): TrialHitResult[] {
  return req.trials.map((t) => {
    let text;
    try {
      // Into the reader's reused buffer, as `upload` reads it: no stat and no buffer per file.
      text = readEvalFile(t);
    } catch (e) {
      // The file system's own message (it names the file), as when the read ran in the caller's thread.
      return { error: e instanceof Error ? e.message : String(e) };
    }
    let series;
    try {
      // Up to the first hit: the rest changes no time-to-target (docs/log-reader.md R11).
      series = parseEvalCsv(text, t.metricName, { numbers: req.numbers, until: (m) => meetsTarget(m, t.target, t.direction) });
    } catch (e) {
      return { error: `${path.join(t.dir, EVAL_FILE)}: ${e instanceof Error ? e.message : String(e)}` };
    }
    // As the upload service does with what the CLI sends: a missing metric is NaN (§1.3).
    const metric = series.metrics.map((m) => (m === null ? NaN : m));
    return { hit: trialTimeToTarget({ metric, time: series.times }, t.target, t.direction) };
  });
}
