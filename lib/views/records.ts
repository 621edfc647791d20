// Free-form JSON stored with a submission (hyperparameters, published
// extras) as key/value rows for a table. Keys and values come from uploads, so
// they are returned as plain strings for React to render as text.

/** [dotted key, text] pairs, depth-first in key order of the source object. */
export function flattenRecord(value: unknown, prefix = ""): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object") return [[prefix || "value", String(value)]];
  if (Array.isArray(value)) {
    const text = value.every((v) => v === null || typeof v !== "object") ? value.map(String).join(", ") : JSON.stringify(value);
    return [[prefix || "value", text]];
  }
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    out.push(...flattenRecord(v, key));
  }
  return out;
}
