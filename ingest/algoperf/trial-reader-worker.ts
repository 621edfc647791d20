// The CLI's reader thread (trial-reader.ts): reads the trials of each request
// in the order they arrive and posts back their hits (a trial that cannot be
// read comes back as its error message, trial-hits.ts).
import { parentPort } from "node:worker_threads";
import { trialHits, type TrialHitsRequest } from "./trial-hits";

parentPort!.on("message", (request: TrialHitsRequest) => {
  try {
    parentPort!.postMessage({ hits: trialHits(request) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
