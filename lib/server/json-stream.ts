// JSON of a large analysis report, written in pieces with the event loop
// free between them (docs/availability.md §1). A report can be megabytes
// (workload robustness at points=10000: 16 MB of profiles); serializing it
// in one JSON.stringify held the request loop for a second or more, and
// /api/health with it. The text is exactly stringifyScoring's (no spaces,
// non-finite numbers as "inf"/"nan").
import { stringifyScoring } from "@/lib/scoring";

/** Bytes written before the stream lets the event loop run again. */
const CHUNK = 64 * 1024;

const isPlain = (v: unknown): v is Record<string, unknown> | unknown[] =>
  typeof v === "object" && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Arrays of numbers and strings (a profile, a tau grid) are written in one piece. */
const isFlat = (v: unknown[]) => v.every((x) => typeof x !== "object" || x === null);

/** The pieces of stringifyScoring(value), objects and arrays walked member by member. */
export function* scoringJsonPieces(value: unknown): Generator<string> {
  if (!isPlain(value) || (Array.isArray(value) && isFlat(value))) {
    // JSON.stringify drops undefined and functions at the top; in an array they are null (handled below).
    yield stringifyScoring(value) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const v = value[i];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") yield "null";
      else yield* scoringJsonPieces(v);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    yield `${first ? "" : ","}${JSON.stringify(k)}:`;
    first = false;
    yield* scoringJsonPieces(v);
  }
  yield "}";
}

/** A byte stream of stringifyScoring(value) that yields to the event loop every 64 KB. */
export function scoringJsonStream(value: unknown): ReadableStream<Uint8Array> {
  const pieces = scoringJsonPieces(value);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Other requests (and /api/health) run between two chunks.
      await new Promise((resolve) => setImmediate(resolve));
      let chunk = "";
      for (let p = pieces.next(); !p.done; p = pieces.next()) {
        chunk += p.value;
        if (chunk.length >= CHUNK) return controller.enqueue(encoder.encode(chunk));
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}
