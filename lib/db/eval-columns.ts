// The packed eval series of RunEvals (prisma/schema.prisma): one bytea per
// series, steps as little-endian Int32 and times and metrics as little-endian
// Float64, so an upload sends bytes PostgreSQL stores as they are instead of
// ~1M numbers it parses from array text (docs/performance.md). Float64 keeps
// every double exact and NaN as NaN (an empty cell or NaN never meets the
// target, docs/scoring.md §1.3). The one place that packs and unpacks them.

/** Bytes per step (Int32) and per time or metric (Float64). */
export const STEP_BYTES = 4;
export const VALUE_BYTES = 8;

/** Steps as little-endian Int32 (steps are checked to be integers within the int range on upload, lib/ingest/upload-limits.ts). */
export function packSteps(steps: readonly number[]): Buffer {
  const b = Buffer.allocUnsafe(steps.length * STEP_BYTES);
  for (let i = 0; i < steps.length; i++) b.writeInt32LE(steps[i]!, i * STEP_BYTES);
  return b;
}

/** Times or metrics as little-endian Float64. */
export function packValues(values: readonly number[]): Buffer {
  const b = Buffer.allocUnsafe(values.length * VALUE_BYTES);
  for (let i = 0; i < values.length; i++) b.writeDoubleLE(values[i]!, i * VALUE_BYTES);
  return b;
}

const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function checkLength(bytes: Uint8Array, width: number): number {
  if (bytes.byteLength % width !== 0) throw new Error(`packed eval series of ${bytes.byteLength} bytes is not a multiple of ${width}`);
  return bytes.byteLength / width;
}

export function unpackSteps(bytes: Uint8Array): number[] {
  const b = view(bytes);
  const out = new Array<number>(checkLength(bytes, STEP_BYTES));
  for (let i = 0; i < out.length; i++) out[i] = b.readInt32LE(i * STEP_BYTES);
  return out;
}

export function unpackValues(bytes: Uint8Array): number[] {
  const b = view(bytes);
  const out = new Array<number>(checkLength(bytes, VALUE_BYTES));
  for (let i = 0; i < out.length; i++) out[i] = b.readDoubleLE(i * VALUE_BYTES);
  return out;
}

/** The last value of a packed Float64 series, null when it is empty. */
export function lastValue(bytes: Uint8Array | null): number | null {
  if (!bytes || bytes.byteLength < VALUE_BYTES) return null;
  return view(bytes).readDoubleLE(bytes.byteLength - VALUE_BYTES);
}

export interface PackedEvals {
  steps: Uint8Array;
  times: Uint8Array;
  metrics: Uint8Array;
}

/** A stored row's series as numbers. */
export function unpackEvals(e: PackedEvals): { steps: number[]; times: number[]; metrics: number[] } {
  return { steps: unpackSteps(e.steps), times: unpackValues(e.times), metrics: unpackValues(e.metrics) };
}
