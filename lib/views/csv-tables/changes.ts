// CSV of the changes endpoint and of the version timeline (docs/history.md).
import type { CsvValue } from "@/lib/views/csv";

interface Ref {
  slug: string;
  displayName: string;
}

export interface ChangesForCsv {
  added: Ref[];
  removed: Ref[];
  hidden: Ref[];
  unhidden: Ref[];
  verified: Ref[];
  unverified: Ref[];
  moves: (Ref & { rankBefore: number | null; rankAfter: number | null; scoreBefore: number | null; scoreAfter: number | null })[];
}

const KINDS = ["added", "removed", "hidden", "unhidden", "verified", "unverified"] as const;

/** One row per change: membership changes first, then the rank and score moves of the default pool. */
export function changesCsv(c: ChangesForCsv): { header: string[]; rows: CsvValue[][] } {
  const header = ["change", "slug", "name", "rank_before", "rank_after", "score_before", "score_after"];
  const rows: CsvValue[][] = KINDS.flatMap((kind) => c[kind].map((s) => [kind, s.slug, s.displayName, null, null, null, null]));
  for (const m of c.moves) rows.push(["move", m.slug, m.displayName, m.rankBefore, m.rankAfter, m.scoreBefore, m.scoreAfter]);
  return { header, rows };
}

export interface VersionForCsv {
  version: number;
  at: Date;
  action: string;
  actor: string | null;
  submissions: string[];
  runs: number;
  uploadId: number | null;
}

export function versionsCsv(versions: VersionForCsv[]): { header: string[]; rows: CsvValue[][] } {
  return {
    header: ["version", "at", "action", "actor", "submissions", "runs", "upload_id"],
    rows: versions.map((v) => [v.version, v.at.toISOString(), v.action, v.actor, v.submissions.join(" "), v.runs, v.uploadId]),
  };
}
