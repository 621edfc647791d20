// "Did you mean …?" for a name the server does not know (a round slug, a
// workload key, a submission slug): the closest known names by edit distance
// (fastest-levenshtein), when they are close enough to be a typo.
import { distance } from "fastest-levenshtein";

/** Known names within a third of the name's length (at least 1, at most 3 edits), closest first. */
export function closest(name: string, known: readonly string[], max = 2): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const lower = name.toLowerCase();
  return known
    .map((k) => ({ k, d: distance(lower, k.toLowerCase()) }))
    .filter((x) => x.d <= limit && x.k !== name)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((x) => x.k);
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(name: string, known: readonly string[]): string {
  const hits = closest(name, known);
  return hits.length === 0 ? "" : ` Did you mean ${hits.map((h) => `"${h}"`).join(" or ")}?`;
}
