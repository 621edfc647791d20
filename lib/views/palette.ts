// Styles of the profile curves: many series must stay distinguishable for
// readers with colour-vision deficiencies. Colours are the Okabe–Ito set
// (Okabe & Ito 2008, "Color Universal Design"), each drawn from CSS variables
// so light and dark themes get a legible variant; past eight series the dash
// pattern changes, giving 8 × 6 = 48 distinct styles before any repeats.
// Hovering a series mutes all others, which settles any remaining doubt.

export const SERIES_COLORS = 8;
export const DASHES = ["", "7 3", "2 2.5", "9 3 2 3", "1 4", "12 3 3 3 3 3"] as const;

export interface SeriesStyle {
  /** CSS colour, e.g. "var(--series-3)". */
  color: string;
  /** Index into the 8-colour palette (for CSS classes and legends). */
  colorIndex: number;
  /** SVG stroke-dasharray ("" = solid). */
  dash: string;
}

/** Style of the series at `index` (its position in the pool's listing order, stable under sorting). */
export function seriesStyle(index: number): SeriesStyle {
  const colorIndex = index % SERIES_COLORS;
  return { color: `var(--series-${colorIndex})`, colorIndex, dash: DASHES[Math.floor(index / SERIES_COLORS) % DASHES.length]! };
}
