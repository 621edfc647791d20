// Results cross from a compute worker to the request loop by structured
// clone, which deserializes an array of numbers element by element on the
// receiving thread: the 880,000 profile values of workload robustness at
// points=10000 held the request loop for a third of a second or more
// (docs/availability.md §1). A Float64Array is cloned as one block of
// bytes, so long arrays of numbers travel packed in one, and are unpacked
// with Array.from, which copies doubles as doubles. Every double keeps its
// bits (NaN, ±Infinity, -0), so the numbers stay exact.

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

/** In the worker: `value` with every long array of numbers packed. */
export function packArrays(value: unknown): unknown {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    if (value.length >= MIN_PACKED && isNumbers(value)) return { $packedFloat64: Float64Array.from(value) } satisfies Packed;
    return value.map(packArrays);
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, packArrays(v)]));
}

/** On the request loop: packArrays undone, in place. */
export function unpackArrays(value: unknown): unknown {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
  if (isPacked(value)) return Array.from(value.$packedFloat64);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unpackArrays(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) record[k] = unpackArrays(record[k]);
  return record;
}
