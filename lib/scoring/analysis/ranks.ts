// Ranks as the analysis views report them.

/**
 * Competition ranks ("1224") of scores in pool order: 1 + the number of
 * members with a strictly higher score. The leaderboard orders by score,
 * descending (docs/scoring.md §5.4); unlike its position, this rank does not
 * depend on pool order, so equal scores share a rank and a bootstrap
 * interval of ranks does not move when two tied members swap places.
 * NaN scores (a zero-width tau range) rank after every real score.
 */
export function competitionRanks(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const key = (i: number) => (Number.isNaN(scores[i]!) ? -Infinity : scores[i]!);
  order.sort((a, b) => key(b) - key(a));
  const ranks = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    // Same key as the previous member: same rank; otherwise the position (+1).
    ranks[i] = p > 0 && key(order[p - 1]!) === key(i) ? ranks[order[p - 1]!]! : p + 1;
  }
  return ranks;
}

/** competitionRanks of a name → score record, in the order of `names`. */
export function ranksOf(scores: Readonly<Record<string, number>>, names: readonly string[]): Record<string, number> {
  const ranks = competitionRanks(names.map((n) => scores[n] ?? NaN));
  return Object.fromEntries(names.map((n, i) => [n, ranks[i]!]));
}
