// Sorting the leaderboard table by any column (the `sort` and `dir` URL
// parameters). Done on the server, so a sorted view is a plain link that
// works before JavaScript loads and can be shared.
import type { CellStatus } from "@/lib/scoring";

export interface SortableRow {
  rank: number;
  displayName: string;
  family: string | null;
  baseAlgorithm: string | null;
  horizon: number | null;
  score: number;
  targetsHit: number;
  cells: Record<string, { ratio: number; time: number; status: CellStatus }>;
}

/** Natural direction of a column when first clicked: best first for numbers that rank, A→Z for text. */
export function defaultDirection(column: string): "asc" | "desc" {
  return column === "score" || column === "hits" ? "desc" : "asc";
}

// Misses after every counted cell, in the order of their reasons (a slow hit
// is closer to counting than a target never reached).
const MISS_ORDER: Record<CellStatus, number> = { hit: 0, over_4x: 1, variant_failed: 2, not_reached: 3, no_data: 4 };

const text = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.localeCompare(b));
const num = (a: number | null, b: number | null) => {
  const x = a === null || Number.isNaN(a) ? Infinity : a;
  const y = b === null || Number.isNaN(b) ? Infinity : b;
  return x === y ? 0 : x < y ? -1 : 1;
};

/**
 * Rows sorted by `column` in `dir`; ties keep rank order. Workload columns
 * (`w:<key>`) sort by ratio, misses last whatever the direction.
 */
export function sortRows<T extends SortableRow>(rows: readonly T[], column: string | undefined, dir: "asc" | "desc" | undefined): T[] {
  const col = column ?? "rank";
  const d = dir ?? defaultDirection(col);
  const sign = d === "asc" ? 1 : -1;
  const byRank = (a: T, b: T) => a.rank - b.rank;
  let cmp: (a: T, b: T) => number;
  if (col.startsWith("w:")) {
    const w = col.slice(2);
    cmp = (a, b) => {
      const ca = a.cells[w];
      const cb = b.cells[w];
      const ma = ca ? MISS_ORDER[ca.status] : 5;
      const mb = cb ? MISS_ORDER[cb.status] : 5;
      if (ma !== mb) return ma - mb;
      if (ma !== 0) return 0;
      return sign * (num(ca!.ratio, cb!.ratio) || num(ca!.time, cb!.time));
    };
  } else {
    const key: Record<string, (a: T, b: T) => number> = {
      rank: (a, b) => a.rank - b.rank,
      name: (a, b) => text(a.displayName, b.displayName),
      family: (a, b) => text(a.family, b.family),
      base: (a, b) => text(a.baseAlgorithm, b.baseAlgorithm),
      horizon: (a, b) => num(a.horizon, b.horizon),
      score: (a, b) => num(a.score, b.score),
      hits: (a, b) => a.targetsHit - b.targetsHit,
    };
    const f = key[col] ?? key.rank!;
    cmp = (a, b) => sign * f(a, b);
  }
  return [...rows].sort((a, b) => cmp(a, b) || byRank(a, b));
}
