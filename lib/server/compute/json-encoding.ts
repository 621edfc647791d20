// The JSON text of a big answer, made on a JSON worker thread
// (json-worker.mjs, started by json-encoder.ts): unpacked, stringified the
// way every scoring interface writes numbers (stringifyScoring) and, when the
// client accepts it, gzipped. Pure apart from zlib; imports are relative
// because the worker loads this file with tsx, outside the Next bundle.
import { gzipSync } from "node:zlib";
import { stringifyScoring } from "../../scoring/json";
import { unpackArrays } from "./packed-arrays";

export interface JsonEncodingTask {
  /** The value, its long number arrays packed (packed-arrays.ts). */
  value: unknown;
  gzip: boolean;
}

/** The bytes of the answer, in an ArrayBuffer of their own (so they can be transferred, not copied). */
export function encodeJson(task: JsonEncodingTask): Uint8Array {
  const text = stringifyScoring(unpackArrays(task.value)) ?? "null";
  // zlib's default level (6), the one Next's compression uses for every other answer.
  const bytes = task.gzip ? gzipSync(text) : Buffer.from(text, "utf8");
  // Small Buffers are slices of Node's shared pool, which cannot be transferred.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
