// Big JSON answers (analysis reports at points=10000 reach 16 MB) are
// serialized and gzipped on a worker thread at the compute lanes' low
// priority, not on the request loop (docs/availability.md §1): stringifying,
// encoding and Next's gzip of such an answer cost the loop 0.1–0.3 s per
// answer, and zlib's threads competed with it for the cores at normal
// priority. The loop only packs the report's number arrays (packed-arrays.ts,
// a few milliseconds at a time) and writes the finished bytes.
import path from "node:path";
import { Piscina } from "piscina";
import type { JsonEncodingTask } from "./json-encoding";
import { packArraysYielding } from "./packed-arrays";
import { COMPUTE_LIMITS } from "./pool";

let encoder: Piscina | null = null;

function pool(): Piscina {
  encoder ??= new Piscina({
    filename: path.join(process.cwd(), "lib", "server", "compute", "json-worker.mjs"),
    // One thread kept warm: a JSON answer should not wait for a worker to load.
    minThreads: 1,
    maxThreads: COMPUTE_LIMITS.threads(),
    niceIncrement: 10,
    idleTimeout: 60_000,
  });
  return encoder;
}

/** The bytes of stringifyScoring(value), gzipped when `gzip`. */
export async function encodeJsonOffLoop(value: unknown, gzip: boolean): Promise<Uint8Array> {
  return (await pool().run({ value: await packArraysYielding(value), gzip } satisfies JsonEncodingTask)) as Uint8Array;
}
