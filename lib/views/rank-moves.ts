// The rank and score moves of a round's default view between two versions
// (the changes page and endpoint, docs/history.md). Pure: the service reads
// both rankings, this compares them.

export interface Move {
  slug: string;
  displayName: string;
  /** null: not in the default pool at that version. */
  rankBefore: number | null;
  rankAfter: number | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
}

export type Ranks = Map<string, { rank: number; score: number; displayName: string }>;

/** Members whose rank or score differ (entering or leaving the pool included): rank order after, then those that left. */
export function movesBetween(before: Ranks, after: Ranks): Move[] {
  const slugs = [...after.keys(), ...[...before.keys()].filter((s) => !after.has(s))];
  const moves: Move[] = [];
  for (const slug of slugs) {
    const b = before.get(slug);
    const a = after.get(slug);
    if (b && a && b.rank === a.rank && Object.is(b.score, a.score)) continue;
    moves.push({
      slug,
      displayName: (a ?? b)!.displayName,
      rankBefore: b?.rank ?? null,
      rankAfter: a?.rank ?? null,
      scoreBefore: b?.score ?? null,
      scoreAfter: a?.score ?? null,
    });
  }
  return moves;
}
