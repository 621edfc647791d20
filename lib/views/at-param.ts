// `?at=` of a view pinned to a past version (docs/history.md): a version
// number of the round, or an ISO 8601 date (the version current at that
// instant). Pure parsing; lib/server/services/history.ts resolves it.
export type AtParam = { version: number } | { date: Date };

/** Parses `at`; a message naming what is wrong otherwise. */
export function parseAt(raw: string): AtParam | { error: string } {
  const text = raw.trim();
  if (/^\d{1,9}$/.test(text)) return { version: Number(text) };
  // A date (2026-11-29) or a date and time with an optional zone (2026-11-29T12:00:00Z).
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const date = new Date(text.length === 10 ? `${text}T23:59:59.999Z` : text);
    if (!Number.isNaN(date.getTime())) return { date };
  }
  return { error: `expected a version number (e.g. 3) or an ISO 8601 date (e.g. 2026-11-29 or 2026-11-29T12:00:00Z), got "${raw.slice(0, 60)}"` };
}
