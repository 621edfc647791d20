// Reads trial folders into upload runs on a thread of its own, so that the
// CLI's main thread serialises and sends one batch while the next is read
// (docs/performance.md, "Raw logs against the official scorer"). Requests are
// answered in the order they were made. The thread is the compiled CLI's
// trial-reader-worker.mjs (scripts/cli.mjs builds it beside the other chunks);
// run from the TypeScript sources (tsx, whose loader worker threads do not
// get on Node 20) the folders are read in-process instead, with the same code.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runsFromTrials, type RunInput, type TrialRunsRequest } from "./trial-runs";

export interface TrialReader {
  read(request: TrialRunsRequest): Promise<RunInput[]>;
  close(): Promise<void>;
}

type Answer = { runs: RunInput[] } | { error: string };

function workerFile(): URL | null {
  if (!import.meta.url.endsWith(".mjs")) return null;
  const url = new URL("./trial-reader-worker.mjs", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/** A reader on a worker thread when the compiled CLI runs, else in-process. */
export function createTrialReader(): TrialReader {
  const file = workerFile();
  if (!file) return { read: async (request) => runsFromTrials(request), close: async () => undefined };
  const worker = new Worker(file);
  const waiting: { resolve: (runs: RunInput[]) => void; reject: (e: Error) => void }[] = [];
  worker.on("message", (answer: Answer) => {
    const next = waiting.shift()!;
    if ("error" in answer) next.reject(new Error(answer.error));
    else next.resolve(answer.runs);
  });
  worker.on("error", (e) => {
    for (const w of waiting.splice(0)) w.reject(e);
  });
  worker.on("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the log reader thread stopped (exit code ${code})`));
  });
  return {
    read: (request) =>
      new Promise<RunInput[]>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(request);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
