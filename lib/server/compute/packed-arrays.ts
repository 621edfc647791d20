// Results cross from a compute worker to the request loop by structured
// clone, which deserializes an array of numbers element by element on the
// receiving thread: the 880,000 profile values of workload robustness at
// points=10000 held the request loop for a third of a second or more
// (docs/availability.md §1). A Float64Array is cloned as one block of
// bytes, so long arrays of numbers travel packed in one, and are unpacked
// by a plain loop, which copies doubles as doubles (Array.from, which goes
// through the typed array's iterator, took 160 ms for those 880,000 values
// on the request loop, the loop 5 ms). Every double keeps its bits (NaN,
// ±Infinity, -0), so the numbers stay exact.

/** Arrays of numbers at least this long travel packed. */
const MIN_PACKED = 64;

interface Packed {
  $packedFloat64: Float64Array;
}

const isPacked = (v: object): v is Packed => "$packedFloat64" in v && Object.keys(v).length === 1;

function isNumbers(v: unknown[]): v is number[] {
  for (const x of v) if (typeof x !== "number") return false;
  return true;
}

function toArray(packed: Float64Array): number[] {
  const out = new Array<number>(packed.length);
  for (let i = 0; i < packed.length; i++) out[i] = packed[i]!;
  return out;
}

/** In the worker: `value` with every long array of numbers packed. */
export function packArrays(value: unknown): unknown {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    if (value.length >= MIN_PACKED && isNumbers(value)) return { $packedFloat64: new Float64Array(value) } satisfies Packed;
    return value.map(packArrays);
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, packArrays(v)]));
}

/** On the request loop: packArrays undone, in place. */
export function unpackArrays(value: unknown): unknown {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
  if (isPacked(value)) return toArray(value.$packedFloat64);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unpackArrays(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) record[k] = unpackArrays(record[k]);
  return record;
}

/**
 * packArrays on the request loop (a big answer sent to the JSON worker,
 * json-encoder.ts), letting other requests run every few milliseconds: the
 * 880,000 values of a robustness report take about 30 ms to pack.
 */
export async function packArraysYielding(value: unknown, sliceMs = 4): Promise<unknown> {
  let since = performance.now();
  const walk = async (v: unknown): Promise<unknown> => {
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) return v;
    if (performance.now() - since > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
    if (Array.isArray(v)) {
      if (v.length >= MIN_PACKED && isNumbers(v)) return { $packedFloat64: new Float64Array(v) } satisfies Packed;
      const out: unknown[] = [];
      for (const x of v) out.push(await walk(x));
      return out;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = await walk(x);
    return out;
  };
  return walk(value);
}
