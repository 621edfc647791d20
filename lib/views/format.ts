// How numbers and cell states are written on the pages and in the CSV
// downloads. One place, so a test can format the scoring CLI's output the same
// way and compare it with the rendered page character for character.
import type { CellStatus, TimeBasis } from "@/lib/scoring";

const EMPTY = "–";

/**
 * Printed precision of a score: the AlgoPerf leaderboards publish 4 decimals
 * (docs/scoring.md §5.4); the paper prints 3, and its runtime fractions carry only
 * 3 decimals, so a 4th would claim precision the inputs do not have.
 */
export function scoreDigits(timeBasis: TimeBasis): number {
  return timeBasis === "budget_fraction" ? 3 : 4;
}

export function formatScore(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? EMPTY : x.toFixed(digits);
}

/** Signed score difference, e.g. "−0.020" / "+0.004" / "0.000". */
export function formatDelta(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return EMPTY;
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return s;
  return `${x < 0 ? "−" : "+"}${s}`;
}

/** Ratio to the best time of the pool (what rho compares with tau). */
export function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined || !Number.isFinite(r) ? EMPTY : r.toFixed(2);
}

/** A time-to-target in seconds: 1 decimal below 100 s, whole seconds with separators above. */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return EMPTY;
  return s < 100 ? s.toFixed(1) : Math.round(s).toLocaleString("en-US");
}

/** A time-to-target as a fraction of the budget (the paper's runtime fraction). */
export function formatFraction(f: number | null | undefined): string {
  return f === null || f === undefined || !Number.isFinite(f) ? EMPTY : f.toFixed(3);
}

/** A time on the round's own basis: seconds or a budget fraction. */
export function formatTime(t: number | null | undefined, basis: TimeBasis): string {
  return basis === "seconds" ? formatSeconds(t) : formatFraction(t);
}

/** "2 h 05 min", "14 min 03 s", "42.0 s": for tooltips next to raw seconds. */
export function formatDuration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return EMPTY;
  if (s < 60) return `${s.toFixed(1)} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  return `${m} min ${String(sec).padStart(2, "0")} s`;
}

export function formatSteps(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? EMPTY : Math.round(n).toLocaleString("en-US");
}

export function formatHorizon(h: number | null | undefined): string {
  return h === null || h === undefined ? EMPTY : `${Math.round(h * 100)}%`;
}

/** A validation metric or target: up to 6 significant digits, no trailing zeros. */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return EMPTY;
  return String(Number(v.toPrecision(6)));
}

/** ρ as an exact fraction of the base workloads, e.g. "5/8". */
export function formatRho(rho: number, workloads: number): string {
  return `${Math.round(rho * workloads)}/${workloads}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Short label and full explanation of every cell state (lib/scoring CellStatus, docs/scoring.md §2–§3). */
export const STATUS_TEXT: Record<CellStatus, { label: string; short: string; icon: string; description: string }> = {
  hit: { label: "target reached", short: "", icon: "", description: "Reached the target; the ratio to the pool's best time counts in the profile." },
  not_reached: {
    label: "not reached",
    short: "missed",
    icon: "✕",
    description: "Target not reached: the median over studies is not finite (docs/scoring.md §2.2–§2.3).",
  },
  over_4x: {
    label: "over 4× the best",
    short: "> 4×",
    icon: "4×",
    description: "Reached, but more than 4 times slower than the pool's best, so it does not count (docs/scoring.md §3.4).",
  },
  variant_failed: {
    label: "held-out variant failed",
    short: "variant",
    icon: "⚑",
    description:
      "The held-out workload variant was not reached, was missing or was over 4× its best, which disqualifies the base workload (docs/scoring.md §3.5).",
  },
  no_data: { label: "no data", short: "no data", icon: "∅", description: "No results for this workload (docs/scoring.md §2.7): it counts as a miss." },
};

export function sourceLabel(source: string): string {
  return source === "published" ? "published" : source === "imported" ? "imported" : source === "uploaded" ? "uploaded" : source;
}

/** A family name short enough for a table cell ("learning-rate-free: distance-based" → "LR-free: distance-based"); the full name goes in its title. */
export function shortFamily(family: string | null): string {
  if (family === null) return EMPTY;
  return family.replace(/^learning-rate-free: /, "LR-free: ").replace(/ \([^)]*\)$/, "");
}

/** The text cut to at most `max` characters, an ellipsis marking the cut (chart labels). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
