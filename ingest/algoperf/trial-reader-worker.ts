// The CLI's reader thread (trial-reader.ts): reads and parses the trial
// folders of each request in the order they arrive and posts back the runs
// (`upload`) or the hits (`score`), or the error message of the first trial
// that cannot be read.
import { parentPort } from "node:worker_threads";
import type { ReaderRequest } from "./trial-reader";
import { trialHits } from "./trial-hits";
import { runsFromTrials } from "./trial-runs";

parentPort!.on("message", (message: ReaderRequest) => {
  try {
    parentPort!.postMessage({ value: message.kind === "runs" ? runsFromTrials(message.request) : trialHits(message.request) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
