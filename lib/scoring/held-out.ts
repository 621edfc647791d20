// Held-out workload variants and the 4x filter (docs/scoring.md §3).

/**
 * Base workload of a variant. docs/scoring.md §3.3: the first base, in list order,
 * that is a substring of the variant name (upstream `base_workload_name`);
 * null when none is (upstream then maps the name to itself, which only ever
 * touches the variant's own column, dropped in §3.6).
 */
export function baseWorkloadOf(variant: string, baseWorkloads: readonly string[]): string | null {
  for (const base of baseWorkloads) if (variant.includes(base)) return base;
  return null;
}

export interface HeldOutResult {
  /** Base workload times after steps A–C (§3.3–§3.5), in baseWorkloads order; index = submission. */
  times: Float64Array[];
  /** Per base workload: 1 where the 4x filter (§3.4) turned a finite time into +inf. */
  removedBy4x: Uint8Array[];
  /** Per base workload: index into `variants` of the first variant that disqualified the cell (§3.5), or -1. */
  disqualifiedBy: Int32Array[];
  /** The variant columns that took part, in processing order. */
  variants: string[];
}

/**
 * Applies the held-out rules to the per-workload times of a pool.
 *
 * @param columns every workload column present in the pool (§3.2), raw times
 *   per submission (+inf = not reached, NaN = no data). Not modified.
 * @param submissionCount length of every column.
 * @throws Error naming the workloads when a base workload, or (with a
 *   non-empty held-out list) a listed variant, is absent from every
 *   submission: upstream raises KeyError in `df[base + held_out]` / `df[base]`.
 */
export function applyHeldOutRules(
  columns: ReadonlyMap<string, Float64Array>,
  submissionCount: number,
  baseWorkloads: readonly string[],
  heldOutWorkloads: readonly string[],
): HeldOutResult {
  const baseSet = new Set(baseWorkloads);
  // docs/scoring.md §3.2: a non-empty held-out list restricts the table to
  // base + held-out (extra variants are dropped); an empty list restricts
  // nothing, so every non-base column present acts as a variant. Upstream
  // then walks the columns alphabetically; the order only decides which
  // failing variant a cell names.
  const variants = heldOutWorkloads.length > 0 ? heldOutWorkloads.filter((w) => !baseSet.has(w)) : [...columns.keys()].filter((w) => !baseSet.has(w)).sort();
  const missing = [...baseWorkloads, ...variants].filter((w) => !columns.has(w));
  // An empty pool (upstream: pd.concat([]) raises) scores to empty tables.
  if (submissionCount > 0 && missing.length > 0) {
    throw new Error(
      `workload(s) ${missing.map((w) => `"${w}"`).join(", ")} have no data in any submission of the pool ` +
        `(the official scoring raises KeyError here; docs/scoring.md §3.2, §3.6)`,
    );
  }

  const column = (w: string) => Float64Array.from(columns.get(w) ?? []);
  const base = baseWorkloads.map(column);
  const baseIndex = new Map(baseWorkloads.map((w, i) => [w, i]));
  const variantCols = variants.map(column);
  const variantBase = variants.map((v) => {
    const b = baseWorkloadOf(v, baseWorkloads);
    return b === null ? -1 : baseIndex.get(b)!;
  });

  // docs/scoring.md §3.3, step A: a variant time only stands where its base
  // has a finite time; where the base is inf or NaN it becomes inf.
  variantCols.forEach((col, k) => {
    const b = variantBase[k]!;
    if (b < 0) return;
    const bt = base[b]!;
    for (let s = 0; s < submissionCount; s++) {
      if (!Number.isFinite(bt[s]!)) col[s] = Infinity;
    }
  });

  // docs/scoring.md §3.4, step B: on every column, base and variant, a time
  // strictly greater than 4x the column minimum (NaN skipped) becomes inf;
  // a ratio of exactly 4 survives, NaN stays NaN (NaN > x is false).
  const removedBy4x = base.map((col) => fourTimesFilter(col));
  for (const col of variantCols) fourTimesFilter(col);

  // docs/scoring.md §3.5, step C: a variant that is inf (failed, slower than
  // 4x) or NaN (missing, e.g. OOM) disqualifies its base workload.
  const disqualifiedBy = base.map(() => new Int32Array(submissionCount).fill(-1));
  variantCols.forEach((col, k) => {
    const b = variantBase[k]!;
    if (b < 0) return;
    const bt = base[b]!;
    const dq = disqualifiedBy[b]!;
    for (let s = 0; s < submissionCount; s++) {
      const v = col[s]!;
      if (v === Infinity || Number.isNaN(v)) {
        if (Number.isFinite(bt[s]!) && dq[s] === -1) dq[s] = k;
        bt[s] = Infinity;
      }
    }
  });

  // docs/scoring.md §3.6: only the base columns are kept.
  return { times: base, removedBy4x, disqualifiedBy, variants };
}

/** Minimum skipping NaN (pandas DataFrame.min); NaN when every value is NaN. */
export function nanMin(col: ArrayLike<number>): number {
  let m = NaN;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(m) || v < m) m = v;
  }
  return m;
}

function fourTimesFilter(col: Float64Array): Uint8Array {
  const limit = 4 * nanMin(col);
  const removed = new Uint8Array(col.length);
  for (let s = 0; s < col.length; s++) {
    const t = col[s]!;
    if (t > limit) {
      if (t !== Infinity) removed[s] = 1;
      col[s] = Infinity;
    }
  }
  return removed;
}
