// Which rounds the round picker shows: a bounded set, whatever the number of
// rounds (1,257 in the 10M-run benchmark data; listing them all added ~1 MB
// to every page). The featured rounds (the published ones the site ships
// with), the most recently changed others, and the current round; the rest
// are one click away on /rounds (search and pages).

export const PICKER_FEATURED = 6;
export const PICKER_RECENT = 6;
/** Rounds per page of the /rounds list. */
export const ROUND_LIST_PAGE = 50;

export interface PickableRound {
  slug: string;
  name: string;
  featured: boolean;
  /** Last change of the round or its data (ISO string or Date). */
  updatedAt: string | Date;
}

const time = (r: PickableRound) => new Date(r.updatedAt).getTime();

/** The rounds to show, in site order (the order of `all`). */
export function pickRounds<T extends PickableRound>(all: readonly T[], current?: string): T[] {
  const featured = all.filter((r) => r.featured).slice(0, PICKER_FEATURED);
  const chosen = new Set(featured.map((r) => r.slug));
  const recent = all
    .filter((r) => !chosen.has(r.slug))
    .sort((a, b) => time(b) - time(a) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, PICKER_RECENT);
  for (const r of recent) chosen.add(r.slug);
  if (current) chosen.add(current);
  return all.filter((r) => chosen.has(r.slug));
}

/** Rounds whose name or slug contains every word of `search` (case-insensitive), in site order. */
export function searchRounds<T extends PickableRound>(all: readonly T[], search: string): T[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...all];
  return all.filter((r) => {
    const text = `${r.name} ${r.slug}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
