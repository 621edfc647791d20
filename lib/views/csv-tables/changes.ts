// CSV of the changes endpoint and of the version timeline (docs/history.md).
import type { RoundChanges, RoundVersionItem } from "@/lib/server/services/history";
import type { CsvValue } from "@/lib/views/csv";

const KINDS = ["added", "removed", "hidden", "unhidden", "verified", "unverified"] as const;

export type ChangesForCsv = Pick<RoundChanges, (typeof KINDS)[number] | "moves">;

/** One row per change: membership changes first, then the rank and score moves of the default pool. */
export function changesCsv(c: ChangesForCsv): { header: string[]; rows: CsvValue[][] } {
  const header = ["change", "slug", "name", "rank_before", "rank_after", "score_before", "score_after"];
  const rows: CsvValue[][] = KINDS.flatMap((kind) => c[kind].map((s) => [kind, s.slug, s.displayName, null, null, null, null]));
  for (const m of c.moves) rows.push(["move", m.slug, m.displayName, m.rankBefore, m.rankAfter, m.scoreBefore, m.scoreAfter]);
  return { header, rows };
}

export function versionsCsv(versions: RoundVersionItem[]): { header: string[]; rows: CsvValue[][] } {
  return {
    header: ["version", "at", "action", "actor", "submissions", "runs", "upload_id"],
    rows: versions.map((v) => [v.version, v.at.toISOString(), v.action, v.actor, v.submissions.join(" "), v.runs, v.uploadId]),
  };
}
