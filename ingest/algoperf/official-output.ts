// What the official score_submissions.py writes: its CSV files (scores.csv,
// time_to_targets.csv, performance_profile_score.csv), formatted as pandas'
// DataFrame.to_csv formats them, so the files can be compared byte for byte.
// (The targets it reads: ./official-targets.ts.)
import type { PoolInput, ScoreResult } from "@/lib/scoring";

/** Python's repr of a float, as pandas writes it in to_csv: 7491.0, 1e-05, 1e+16, inf; NaN is an empty field. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // repr switches to exponent notation below 1e-4 and from 1e16 on; JS's String() does so at 1e-7 and 1e21.
  // Both print the shortest digits that round-trip, so only the notation differs.
  const [mant, pow] = x.toExponential().split("e") as [string, string];
  const e = Number(pow);
  if (e < -4 || e >= 16) return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const s = String(x);
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",");

/** scores.csv: compute_leaderboard_score(...).to_csv, rows in pool order. */
export function scoresCsv(result: ScoreResult, order: readonly string[]): string {
  return [csvLine(["submission", "score"]), ...order.map((s) => csvLine([s, pythonFloat(result.scores[s]!)]))].join("\n") + "\n";
}

/**
 * time_to_targets.csv as compute_performance_profiles writes it: per-workload
 * times before the held-out rules (docs/scoring.md §3), restricted to base +
 * held-out when the held-out list is not empty (§3.2), columns sorted.
 */
export function timeToTargetsCsv(pool: PoolInput): string {
  const present = new Set(pool.submissions.flatMap((s) => Object.keys(s.times)));
  let columns = [...present];
  if (pool.heldOutWorkloads.length) columns = [...pool.baseWorkloads, ...pool.heldOutWorkloads];
  // Python's sorted(): code-point order.
  columns.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = pool.submissions.map((s) => csvLine([s.name, ...columns.map((w) => pythonFloat(Object.hasOwn(s.times, w) ? s.times[w]! : NaN))]));
  return [csvLine(["submission", ...columns]), ...rows].join("\n") + "\n";
}

/** performance_profile_score.csv: rho_s(tau) per submission, tau values as the header (docs/scoring.md §4.5). */
export function profileCsv(result: ScoreResult, order: readonly string[]): string {
  const tau = result.settings.scale === "log" ? result.tau.map(Math.log10) : result.tau;
  return [csvLine(["submission", ...tau.map(pythonFloat)]), ...order.map((s) => csvLine([s, ...result.profiles[s]!.map(pythonFloat)]))].join("\n") + "\n";
}
