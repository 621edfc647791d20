// Scoring a pool: per-workload times → held-out rules → ratios → profiles →
// scores (docs/scoring.md §3–§5), with the reason behind every cell.
import type { Cell, CellStatus, PoolInput, ResolvedSettings, ScoreResult, ScoreSettings } from "./types";
import { applyHeldOutRules, nanMin } from "./held-out";
import { computeRatios, fillProfile, largestFiniteRatio, tauGrid } from "./profile";
import { exactScore, trapezoidIntegrator } from "./score";
import { geometricMeanTime } from "./geometric-mean";

/** The parameters `score_submissions.main` passes upstream (§4.3, §5.1). */
export const OFFICIAL_SETTINGS: Readonly<ScoreSettings> = {
  tauMin: 1,
  tauMax: 4,
  points: 100,
  scale: "linear",
  integration: "trapezoid",
  reference: null,
};

/**
 * Scores every submission of a pool against the others.
 *
 * Ranking: score descending (§5.4); equal scores keep pool order (the
 * order of `input.submissions`); NaN scores (e.g. a zero-width tau range)
 * come last.
 *
 * @param settings overrides of OFFICIAL_SETTINGS.
 * @throws Error / RangeError for invalid settings, duplicate names, a
 *   negative or -inf time, an unknown reference, or a base / listed
 *   held-out workload that no member of a non-empty pool has (§3.2, §3.6).
 */
export function scorePool(input: PoolInput, settings: Partial<ScoreSettings> = {}): ScoreResult {
  const requested = requestedSettings(settings);

  const base = [...input.baseWorkloads];
  if (base.length === 0) throw new Error("a pool needs at least one base workload");
  const names = uniqueNames(input);
  const count = names.length;
  const columns = timeColumns(input, count);

  const held = applyHeldOutRules(columns, count, base, input.heldOutWorkloads);

  let referenceIndex: number | null = null;
  if (requested.reference !== null) {
    referenceIndex = names.indexOf(requested.reference);
    if (referenceIndex < 0) throw new Error(`reference submission "${requested.reference}" is not in the pool`);
  }
  const ratios = computeRatios(held.times, referenceIndex);
  // docs/scoring.md §4.4: max_tau None = the largest finite ratio.
  const tauMax = requested.tauMax ?? largestFiniteRatio(ratios);
  const resolved: ResolvedSettings = { ...requested, tauMax, mode: describeMode(requested, tauMax) };
  const grid = tauGrid(resolved.tauMin, tauMax, resolved.points, resolved.scale);
  // docs/scoring.md §5.3: numpy sums a lone profile pairwise, several left to right.
  const integrate = resolved.integration === "trapezoid" ? trapezoidIntegrator(grid.x, count === 1 ? "pairwise" : "left-to-right") : null;

  const n = base.length;
  const row = new Float64Array(n);
  const scores: Record<string, number> = {};
  const profiles: Record<string, number[]> = {};
  const cells: Record<string, Record<string, Cell>> = {};
  const targetsHit: Record<string, number> = {};
  const scoreOf = new Float64Array(count);
  const rawBase = base.map((w) => columns.get(w) ?? new Float64Array(0));
  for (let s = 0; s < count; s++) {
    const name = names[s]!;
    const subCells: Record<string, Cell> = {};
    let hits = 0;
    for (let w = 0; w < n; w++) {
      row[w] = ratios[w]![s]!;
      const status = cellStatus(rawBase[w]![s]!, held.removedBy4x[w]![s]!, held.disqualifiedBy[w]![s]!);
      if (status === "hit") hits++;
      const cell: Cell = { time: rawBase[w]![s]!, ratio: row[w]!, status };
      if (status === "variant_failed") cell.variant = held.variants[held.disqualifiedBy[w]![s]!]!;
      subCells[base[w]!] = cell;
    }
    // exactScore sums `row` in workload order, so it runs before fillProfile sorts it.
    const exactArea = integrate ? null : exactScore(row, n, resolved.tauMin, tauMax, resolved.scale);
    const profile = new Array<number>(grid.tau.length);
    fillProfile(row, grid.tau, n, profile);
    scoreOf[s] = integrate ? integrate(profile) : exactArea!;
    scores[name] = scoreOf[s]!;
    profiles[name] = profile;
    cells[name] = subCells;
    targetsHit[name] = hits;
  }

  const best: Record<string, number> = {};
  base.forEach((w, i) => (best[w] = nanMin(held.times[i]!)));

  return {
    settings: resolved,
    workloads: base,
    scores,
    ranking: rankByScore(names, scoreOf),
    tau: grid.tau,
    profiles,
    cells,
    best,
    targetsHit,
    geometricMeanTime: input.missValues ? geometricMeans(input, base, input.missValues) : null,
  };
}

function requestedSettings(settings: Partial<ScoreSettings>): ScoreSettings {
  const requested: ScoreSettings = {
    tauMin: settings.tauMin ?? OFFICIAL_SETTINGS.tauMin,
    tauMax: settings.tauMax === undefined ? OFFICIAL_SETTINGS.tauMax : settings.tauMax,
    points: settings.points ?? OFFICIAL_SETTINGS.points,
    scale: settings.scale ?? OFFICIAL_SETTINGS.scale,
    integration: settings.integration ?? OFFICIAL_SETTINGS.integration,
    reference: settings.reference === undefined ? OFFICIAL_SETTINGS.reference : settings.reference,
  };
  validateSettings(requested);
  return requested;
}

/** The members' names; an Error for a name that appears twice. */
function uniqueNames(input: PoolInput): string[] {
  const names = input.submissions.map((s) => s.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new Error(`submission "${n}" appears twice in the pool`);
    seen.add(n);
  }
  return names;
}

/** One column per workload present in any submission (docs/scoring.md §3.2), NaN = no data; a RangeError for an invalid time. */
function timeColumns(input: PoolInput, count: number): Map<string, Float64Array> {
  const columns = new Map<string, Float64Array>();
  input.submissions.forEach((sub, s) => {
    // for...in, not Object.entries: no array per record (10x faster on big pools).
    for (const w in sub.times) {
      const t = sub.times[w]!;
      if (typeof t !== "number" || t < 0 || t === -Infinity) {
        throw new RangeError(`submission "${sub.name}", workload "${w}": time ${String(t)} is not >= 0, +Infinity (not reached) or NaN (no data)`);
      }
      let col = columns.get(w);
      if (!col) {
        col = new Float64Array(count).fill(NaN);
        columns.set(w, col);
      }
      col[s] = t;
    }
  });
  return columns;
}

function geometricMeans(input: PoolInput, base: readonly string[], missValues: NonNullable<PoolInput["missValues"]>): Record<string, number> {
  const geometricMean: Record<string, number> = {};
  for (const sub of input.submissions) geometricMean[sub.name] = geometricMeanTime(sub.times, base, missValues);
  return geometricMean;
}

function cellStatus(raw: number, removedBy4x: number, disqualifiedBy: number): CellStatus {
  if (Number.isNaN(raw)) return "no_data";
  if (raw === Infinity) return "not_reached";
  if (removedBy4x) return "over_4x";
  if (disqualifiedBy >= 0) return "variant_failed";
  return "hit";
}

// docs/scoring.md §5.4: by score, descending. Equal scores keep pool order; NaN
// sorts as -inf, below every real score (scores are never -inf).
function rankByScore(names: readonly string[], scores: Float64Array): string[] {
  const key = (i: number) => (Number.isNaN(scores[i]!) ? -Infinity : scores[i]!);
  // key(b) - key(a) is NaN for two NaN scores; `|| a - b` then keeps pool order.
  const order = Array.from(names, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
  return order.map((i) => names[i]!);
}

function validateSettings(s: ScoreSettings): void {
  if (s.scale !== "linear" && s.scale !== "log") {
    throw new RangeError(`scale must be "linear" or "log", got "${String(s.scale)}"`);
  }
  if (s.integration !== "trapezoid" && s.integration !== "exact") {
    throw new RangeError(`integration must be "trapezoid" or "exact", got "${String(s.integration)}"`);
  }
  if (!Number.isInteger(s.points) || s.points < 2) {
    throw new RangeError(`points must be an integer >= 2, got ${s.points}`);
  }
  if (!Number.isFinite(s.tauMin) || (s.scale === "log" && s.tauMin <= 0)) {
    throw new RangeError(`tauMin must be a finite number${s.scale === "log" ? " > 0 on the log scale" : ""}, got ${s.tauMin}`);
  }
  if (s.tauMax !== null && !(Number.isFinite(s.tauMax) && s.tauMax > s.tauMin)) {
    throw new RangeError(`tauMax must be null or a finite number > tauMin (${s.tauMin}), got ${s.tauMax}`);
  }
}

function describeMode(s: ScoreSettings, tauMax: number): string {
  const official =
    s.integration === "trapezoid" &&
    s.tauMin === OFFICIAL_SETTINGS.tauMin &&
    s.tauMax === OFFICIAL_SETTINGS.tauMax &&
    s.points === OFFICIAL_SETTINGS.points &&
    s.scale === OFFICIAL_SETTINGS.scale &&
    s.reference === null;
  const range = `tau in [${s.tauMin}, ${tauMax}]${s.tauMax === null ? " (tauMax = largest finite ratio)" : ""}`;
  const grid = `${s.points}-point ${s.scale} grid`;
  const ratios = s.reference === null ? "ratios to the pool best" : `ratios to reference "${s.reference}"`;
  if (s.integration === "trapezoid") {
    return `${official ? "official " : ""}trapezoid over the ${grid}, ${range}, ${ratios}`;
  }
  return `exact area under the step profile, ${range}${s.scale === "log" ? " on the log10 axis" : ""}, ${ratios} (profiles sampled on the ${grid})`;
}
