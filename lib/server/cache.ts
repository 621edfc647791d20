// A small in-process cache for computed views (scores of a pool, ...).
// Entries are keyed by the data versions of the rounds they read
// (Round.dataVersion, bumped by every write in the same transaction), so an
// upload through any app instance makes every instance recompute at once:
// there is nothing to invalidate, old keys simply stop being asked for.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Db } from "@/lib/db/client";
import { approximateBytes } from "./approximate-bytes";
import { isDatabaseUnavailable } from "./db-errors";
import { AppError, databaseUnavailable } from "./errors";
import { markUncacheable } from "./render-context";

/**
 * Bounded by entries and by the bytes their values hold (ALGOPERF_VIEW_CACHE_MB):
 * a view can be megabytes (an analysis at points=10000), and requests with a
 * new seed each would otherwise keep 500 of them. An entry counts 1 KB while
 * it computes and its value's size once resolved; one larger than a quarter
 * of the bound is shared by the requests that wait for it, then dropped.
 */
const viewCacheBytes = () => Math.max(1, Number(process.env.ALGOPERF_VIEW_CACHE_MB) || 256) * 1024 * 1024;
const entries = () => Number(process.env.ALGOPERF_CACHE_ENTRIES ?? 500);
const bounds = () => ({ max: entries(), maxSize: viewCacheBytes(), maxEntrySize: Math.floor(viewCacheBytes() / 4) });

const store = new LRUCache<string, Promise<unknown>>({ ...bounds(), sizeCalculation: () => 1024 });

/** Computes once per key; concurrent callers share the same promise. Failures are not cached. */
export function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const hit = store.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const promise = compute();
  store.set(key, promise);
  promise.then(
    (value) => {
      // A new (resolved) promise: lru-cache keeps the old size when the same value is set again.
      if (store.peek(key) === promise) store.set(key, Promise.resolve(value), { size: Math.max(1, approximateBytes(value, store.maxEntrySize)) });
    },
    () => store.delete(key),
  );
  return promise;
}

/** The current data version of each round, e.g. "paper-2505.24005@3". */
export async function roundVersions(db: Db, slugs: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.round.findMany({ where: { slug: { in: [...slugs] } }, select: { slug: true, dataVersion: true } });
  return new Map(rows.map((r) => [r.slug, r.dataVersion]));
}

/**
 * A key that changes whenever any round changes: every round's id and data
 * version (a new round adds an id; every write to a round, its submissions
 * included, bumps its version), hashed. For views of all rounds at once.
 */
export async function siteVersion(db: Db): Promise<string> {
  const rows = await db.$queryRaw<{ id: number; dataVersion: number }[]>`SELECT id, "dataVersion" FROM "Round" ORDER BY id`;
  const hash = createHash("sha1");
  for (const r of rows) hash.update(`${r.id}@${r.dataVersion},`);
  return hash.digest("base64url");
}

const lastGood = new LRUCache<string, { value: unknown; at: Date }>({
  ...bounds(),
  sizeCalculation: (entry) => Math.max(1, approximateBytes(entry.value, Math.floor(viewCacheBytes() / 4))),
});

/** A busy compute pool (lib/server/compute/pool.ts) is not a database failure: no stale value stands in for it. */
const databaseDown = (error: unknown) =>
  isDatabaseUnavailable(error) || (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE" && error.name !== "ComputeBusyError");

/**
 * `read()`, remembered under `key`. When the database cannot be reached (or
 * does not answer in time), the last value read for `key` is returned with
 * `stale: true` and the time it was read; without one, AppError 503 (Retry-After).
 */
export async function readOrLastGood<T>(key: string, read: () => Promise<T>): Promise<{ value: T; stale: boolean; at: Date }> {
  try {
    const value = await read();
    const at = new Date();
    lastGood.set(key, { value, at });
    return { value, stale: false, at };
  } catch (error) {
    if (!databaseDown(error)) throw error;
    // What the page shows now is not the current data: the page cache must not keep it.
    markUncacheable("database unavailable");
    const hit = lastGood.get(key);
    if (hit) return { value: hit.value as T, stale: true, at: hit.at };
    throw databaseUnavailable();
  }
}

/**
 * A cached read of data from some rounds: computed once per combination of
 * their data versions. When the database cannot be reached, the last value
 * computed for `baseKey` (any version) is served, marked `stale: true`;
 * without one the AppError 503 propagates.
 * `compute` gets the versions; a round missing from them does not exist.
 */
export async function versionedRead<T extends object>(
  db: Db,
  rounds: readonly string[],
  baseKey: string,
  compute: (versions: Map<string, number>) => Promise<T>,
): Promise<T & { stale?: boolean }> {
  const { value, stale } = await readOrLastGood(baseKey, async () => {
    const versions = await roundVersions(db, rounds);
    const key = `${baseKey}|${[...rounds]
      .sort()
      .map((r) => `${r}@${versions.get(r) ?? "none"}`)
      .join(",")}`;
    return cached(key, () => compute(versions));
  });
  return stale ? { ...value, stale: true } : value;
}
