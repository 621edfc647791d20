// Reads trial folders for `cli score` on a thread of its own, beside the main
// thread, which reads other trials meanwhile (docs/performance.md, "Raw logs
// against the official scorer"). Requests are answered in the order they were
// made. The thread is the compiled CLI's trial-reader-worker.mjs
// (scripts/cli.mjs builds it beside the other chunks); run from the TypeScript
// sources (tsx, whose loader Node 20 worker threads do not get), or with no
// idle core, the reader works in-process with the same code.
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { trialHits, type TrialHitResult, type TrialHitsRequest } from "./trial-hits";

export interface TrialReader {
  /** Whether the reading happens on another thread (else it is done in-process when asked). */
  threaded: boolean;
  hits(request: TrialHitsRequest): Promise<TrialHitResult[]>;
  close(): Promise<void>;
}

type Answer = { hits: TrialHitResult[] } | { error: string };

function workerFile(): URL | null {
  if (!import.meta.url.endsWith(".mjs")) return null;
  const url = new URL("./trial-reader-worker.mjs", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * A second thread pays only when a core is idle: at load 16 on the 2 cores it
 * added its start-up and hand-overs (~0.1 s of CPU) and took nothing off the
 * wall time (docs/performance.md).
 */
function idleCore(): boolean {
  const cores = os.availableParallelism();
  return cores > 1 && os.loadavg()[0]! < cores - 0.5;
}

/** A reader on a worker thread when the compiled CLI runs and a core is idle, else in-process. */
export function createTrialReader(): TrialReader {
  const file = idleCore() ? workerFile() : null;
  if (!file) {
    return { threaded: false, hits: async (r) => trialHits(r), close: async () => undefined };
  }
  const worker = new Worker(file);
  const waiting: { resolve: (hits: TrialHitResult[]) => void; reject: (e: Error) => void }[] = [];
  const failAll = (e: Error) => {
    for (const w of waiting.splice(0)) w.reject(e);
  };
  worker.on("message", (answer: Answer) => {
    const next = waiting.shift()!;
    if ("error" in answer) next.reject(new Error(answer.error));
    else next.resolve(answer.hits);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the log reader thread stopped (exit code ${code})`)));
  return {
    threaded: true,
    hits: (request) =>
      new Promise<TrialHitResult[]>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(request);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
