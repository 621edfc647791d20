// Shared pieces of the benchmarks (npm run bench:*): timing statistics, the
// ratio-to-baseline line every bench prints, and a throw-away database.
import { performance } from "node:perf_hooks";
import { createDb } from "@/lib/db/create-db";
import { applyMigrations } from "@/lib/db/migrate";
import { seedPublishedData } from "@/scripts/seed";
import { startDatabase } from "../support/stack";

export interface Stats {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const mid = s.length >> 1;
  return { n: s.length, median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, p95: q(0.95), p99: q(0.99), min: s[0]! };
}

/** Runs `fn` `warmup` times, then `runs` times, returning per-run milliseconds. */
export async function measure(fn: (i: number) => unknown, runs: number, warmup = 3): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

export function ratioLine(label: string, value: Stats, baseline: Stats): string {
  return `${label.padEnd(52)} median ${value.median.toFixed(2).padStart(8)} ms  p95 ${value.p95.toFixed(2).padStart(8)} ms   baseline ${baseline.median.toFixed(3).padStart(7)} ms   ratio ${(value.median / baseline.median).toFixed(1).padStart(6)}x`;
}

export function verdict(label: string, ok: boolean, detail: string): string {
  return `${ok ? "PASS" : "FAIL"}  ${label}: ${detail}`;
}

/** A fresh database (embedded, or a new one on DATABASE_URL's server), migrated and seeded. */
export async function benchDatabase(options: { seed?: boolean } = {}) {
  const database = await startDatabase();
  await applyMigrations(database.url);
  const db = createDb(database.url, { max: 4 });
  if (options.seed ?? true) await seedPublishedData(db);
  return {
    url: database.url,
    db,
    async close() {
      await db.$disconnect();
      await database.stop();
    },
  };
}

/** One figure of a bench, in the form `npm run bench` (tests/bench/all.ts) collects. */
export interface BenchResult {
  bench: string;
  /** What was measured, e.g. "GET /rounds/<round> p99 at 32 connections". */
  name: string;
  /** The target, e.g. "p99 < 100 ms"; null for a figure without one (growth, context). */
  target: string | null;
  measured: string;
  /** Against the bench's same-run baseline, e.g. "3.1x GET /api/health". */
  ratio: string | null;
  /** null when there is no target. */
  pass: boolean | null;
}

/** Prints a machine-readable line, `RESULT {json}`, for tests/bench/all.ts. */
export function result(r: BenchResult): void {
  console.log(`RESULT ${JSON.stringify(r)}`);
}

/** mulberry32: a small seeded PRNG, so every run of a bench generates the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
