// "Statistically tied" groups from bootstrap intervals.

export interface ScoreInterval {
  name: string;
  /** Point score, used only to order members and groups. */
  score: number;
  lo: number;
  hi: number;
}

export interface TiedGroup {
  /** "a", "b", ..., "z", "aa", ...: the top group is "a". */
  label: string;
  /** Members, by point score (descending), then input order. */
  members: string[];
  /** The part all members' intervals share: [largest lo, smallest hi]. */
  overlap: [number, number];
}

/**
 * The maximal groups of submissions whose closed intervals all share a common
 * score: the maximal cliques of the "intervals overlap" graph (for intervals
 * on a line a set overlaps pairwise exactly when all share a point, so these
 * are well defined and found by one sweep). Touching intervals overlap.
 *
 * A submission can be in several groups (A ~ B and B ~ C without A ~ C gives
 * groups {A, B} and {B, C}), as in a compact letter display: two submissions
 * are tied when they share a group, and separated when they share none.
 * A submission whose interval overlaps no other forms a group of its own.
 */
export function tiedGroups(intervals: readonly ScoreInterval[]): TiedGroup[] {
  const events: { at: number; start: boolean; i: number }[] = [];
  intervals.forEach((iv, i) => {
    if (!(iv.lo <= iv.hi)) throw new RangeError(`interval of "${iv.name}" is not [lo, hi] with lo <= hi: [${iv.lo}, ${iv.hi}]`);
    events.push({ at: iv.lo, start: true, i }, { at: iv.hi, start: false, i });
  });
  // Starts before ends at the same score, so touching (closed) intervals overlap.
  events.sort((a, b) => a.at - b.at || Number(b.start) - Number(a.start));
  const active = new Set<number>();
  const cliques: number[][] = [];
  let grew = false;
  for (const e of events) {
    if (e.start) {
      active.add(e.i);
      grew = true;
    } else {
      // The first end after a start closes a maximal clique: everything active.
      if (grew) cliques.push([...active]);
      grew = false;
      active.delete(e.i);
    }
  }
  const byScore = (a: number, b: number) => intervals[b]!.score - intervals[a]!.score || a - b;
  // The sweep finds groups from the lowest scores up; the top group comes first.
  return cliques.reverse().map((members, g) => {
    members.sort(byScore);
    return {
      label: groupLabel(g),
      members: members.map((i) => intervals[i]!.name),
      overlap: [Math.max(...members.map((i) => intervals[i]!.lo)), Math.min(...members.map((i) => intervals[i]!.hi))],
    };
  });
}

/** 0 → "a", 25 → "z", 26 → "aa" (bijective base 26). */
export function groupLabel(index: number): string {
  let label = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(97 + ((n - 1) % 26)) + label;
  return label;
}
