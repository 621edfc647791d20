// The memory a computed view holds, roughly, for the byte bound of the view
// caches (cache.ts): a robustness report at points=10000 holds 880,000
// numbers (about 10 MB), and the caches were bounded by their number of
// entries only (500), so requests with new seeds could fill gigabytes
// (docs/availability.md §1).

/** Heap bytes of a JSON-like value, counted generously; stops counting past `limit`. */
export function approximateBytes(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && bytes <= limit) {
    const v = pending.pop();
    if (typeof v === "string") bytes += 16 + 2 * v.length;
    else if (typeof v !== "object" || v === null) bytes += 8;
    else if (ArrayBuffer.isView(v)) bytes += 64 + v.byteLength;
    else if (Array.isArray(v)) {
      bytes += 16 + 8 * v.length;
      for (const x of v) if (typeof x === "object" || typeof x === "string") pending.push(x);
    } else {
      const entries = Object.entries(v as Record<string, unknown>);
      bytes += 32 + 16 * entries.length;
      for (const [, x] of entries) pending.push(x);
    }
  }
  return bytes;
}
