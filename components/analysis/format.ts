// Number formats of the analysis pages.
// (scoreDigits: lib/views/format.ts, shared with every page.)

export function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  return value.toFixed(digits);
}

export function percent(fraction: number | null): string {
  return fraction === null ? "–" : `${Math.round(fraction * 100)}%`;
}

export function signed(value: number, digits: number): string {
  if (Number.isNaN(value)) return "–";
  if (value === 0) return "±0";
  return `${value > 0 ? "+" : "−"}${Math.abs(value).toFixed(digits)}`;
}
