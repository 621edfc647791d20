// Reads trial folders on a thread of its own: for `upload`, so that the main
// thread serialises and sends one batch while the next is read; for `score`,
// beside the main thread, which reads other trials meanwhile
// (docs/performance.md, "Raw logs against the official scorer"). Requests are
// answered in the order they were made. The thread is the compiled CLI's
// trial-reader-worker.mjs (scripts/cli.mjs builds it beside the other
// chunks); run from the TypeScript sources (tsx, whose loader Node 20 worker
// threads do not get), the reader works in-process with the same code.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { trialHits, type TrialHitResult, type TrialHitsRequest } from "./trial-hits";
import { runsFromTrials, type RunInput, type TrialRunsRequest } from "./trial-runs";

export type ReaderRequest = { kind: "runs"; request: TrialRunsRequest } | { kind: "hits"; request: TrialHitsRequest };

export interface TrialReader {
  /** Whether the reading happens on another thread (else it is done in-process when asked). */
  threaded: boolean;
  runs(request: TrialRunsRequest): Promise<RunInput[]>;
  hits(request: TrialHitsRequest): Promise<TrialHitResult[]>;
  close(): Promise<void>;
}

type Answer = { value: unknown } | { error: string };

function workerFile(): URL | null {
  if (!import.meta.url.endsWith(".mjs")) return null;
  const url = new URL("./trial-reader-worker.mjs", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/** A reader on a worker thread when the compiled CLI runs, else in-process. */
export function createTrialReader(): TrialReader {
  const file = workerFile();
  if (!file) {
    return { threaded: false, runs: async (r) => runsFromTrials(r), hits: async (r) => trialHits(r), close: async () => undefined };
  }
  const worker = new Worker(file);
  const waiting: { resolve: (value: unknown) => void; reject: (e: Error) => void }[] = [];
  const failAll = (e: Error) => {
    for (const w of waiting.splice(0)) w.reject(e);
  };
  worker.on("message", (answer: Answer) => {
    const next = waiting.shift()!;
    if ("error" in answer) next.reject(new Error(answer.error));
    else next.resolve(answer.value);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the log reader thread stopped (exit code ${code})`)));
  const ask = <T>(message: ReaderRequest) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(message);
    });
  return {
    threaded: true,
    runs: (request) => ask<RunInput[]>({ kind: "runs", request }),
    hits: (request) => ask<TrialHitResult[]>({ kind: "hits", request }),
    close: async () => {
      await worker.terminate();
    },
  };
}
