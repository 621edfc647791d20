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

/** The colour alone of the series at `index`, for charts that tell series apart by colour and label (bump, line, scatter). */
export function seriesColor(index: number): string {
  return seriesStyle(index).color;
}

/**
 * Styles coloured by optimizer family (issue 15: one colour per family, so 36
 * curves read as a few groups): the families in name order take the palette's
 * colours, the members of a family its dash patterns.
 */
export function familyStyles(items: readonly { key: string; family: string | null }[]): Map<string, SeriesStyle> {
  const families = [...new Set(items.map((i) => i.family ?? ""))].sort();
  const seen = new Map<string, number>();
  const out = new Map<string, SeriesStyle>();
  for (const item of [...items].sort((a, b) => a.key.localeCompare(b.key))) {
    const family = item.family ?? "";
    const f = families.indexOf(family);
    const member = seen.get(family) ?? 0;
    seen.set(family, member + 1);
    const colorIndex = f % SERIES_COLORS;
    out.set(item.key, { color: `var(--series-${colorIndex})`, colorIndex, dash: DASHES[(member + Math.floor(f / SERIES_COLORS)) % DASHES.length]! });
  }
  return out;
}
