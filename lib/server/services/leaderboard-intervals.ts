// The leaderboard's 95% bootstrap intervals, computed off the request path:
// a page asks whether they are ready for its pool and data version; if not,
// the computation starts (once per pool and version, whoever asks) and the
// page shows the table without intervals, saying so. The computation itself
// is behind one function, computeIntervals, so it can move to a worker pool
// without touching the pages.
import "server-only";
import { LRUCache } from "lru-cache";
import type { Db } from "@/lib/db/client";
import { roundVersions } from "@/lib/server/cache";
import { uncertaintyOfPool, type UncertaintyReport } from "./analysis-uncertainty";
import type { ScoreQuery } from "./scores";

export type IntervalsState = { state: "ready"; report: UncertaintyReport } | { state: "failed"; error: unknown } | { state: "computing" };

type Job = { done: false; promise: Promise<void> } | { done: true; result: IntervalsState };

const jobs = new LRUCache<string, Job>({ max: Number(process.env.ALGOPERF_CACHE_ENTRIES ?? 500) });

/** The 1,000-resample bootstrap of a pool (docs/scoring.md; the uncertainty analysis with its defaults). */
export function computeIntervals(options: { db: Db; round: string; query: ScoreQuery }): Promise<UncertaintyReport> {
  return uncertaintyOfPool(options.db, options.round, options.query);
}

/**
 * The intervals of a pool at the round's current data version if they are
 * computed; otherwise starts computing them (in the background, once), waits
 * for them at most `waitMs` (a page: usually enough for a first visit), and
 * answers "computing" if they are still not there.
 */
export async function intervalsIfReady(options: { db: Db; round: string; query: ScoreQuery; waitMs?: number }): Promise<IntervalsState> {
  const version = (await roundVersions(options.db, [options.round])).get(options.round);
  const key = `${options.round}@${version ?? "none"}|${JSON.stringify(options.query)}`;
  const job = jobs.get(key);
  if (job?.done) return job.result;
  if (!job) {
    const promise = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => computeIntervals(options))
      .then(
        (report): IntervalsState => ({ state: "ready", report }),
        (error: unknown): IntervalsState => ({ state: "failed", error }),
      )
      .then((result) => {
        // A database outage is not a property of the pool: ask again next time.
        if (result.state === "failed" && isTransient(result.error)) jobs.delete(key);
        else jobs.set(key, { done: true, result });
      });
    jobs.set(key, { done: false, promise });
  }
  const pending = jobs.get(key);
  if (options.waitMs && pending && !pending.done) {
    await Promise.race([pending.promise, new Promise<void>((resolve) => setTimeout(resolve, options.waitMs).unref())]);
    const after = jobs.get(key);
    if (after?.done) return after.result;
  }
  return { state: "computing" };
}

const isTransient = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "SERVICE_UNAVAILABLE";

/** Resolves when the intervals of a pool are computed (tests and benches). */
export async function intervalsSettled(options: { db: Db; round: string; query: ScoreQuery }): Promise<IntervalsState> {
  for (;;) {
    const state = await intervalsIfReady(options);
    if (state.state !== "computing") return state;
    await new Promise((r) => setTimeout(r, 50));
  }
}
