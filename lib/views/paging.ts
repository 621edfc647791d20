// Splitting a long list into pages addressed by number (the /rounds list, the
// rows of a big leaderboard).

/** Page `page` (1-based, clamped to the pages there are) of `items`. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages);
  return { items: items.slice((p - 1) * size, p * size), page: p, pages };
}
