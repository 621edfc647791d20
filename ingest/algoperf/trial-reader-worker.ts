// The CLI's reader thread (trial-reader.ts): reads and parses the trial
// folders of each request in the order they arrive and posts back their runs,
// or the error message of the first trial that cannot be read.
import { parentPort } from "node:worker_threads";
import { runsFromTrials, type TrialRunsRequest } from "./trial-runs";

parentPort!.on("message", (request: TrialRunsRequest) => {
  try {
    parentPort!.postMessage({ runs: runsFromTrials(request) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
