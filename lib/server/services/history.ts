// The history of a round (docs/history.md): its versions (RoundVersion rows,
// one per write, written in the write's transaction), what `?at=` resolves
// to, and what changed between two versions of the default view. Views at a
// past version read through lib/db/pinned.ts; this service compares two of them.
// Used by the changes page and endpoint, the `?at=` pinning of scripts/server.ts
// and the Atom feeds.
import { dbAt, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors";
import { parseViewQuery } from "@/lib/views/parse-query";
import { movesBetween, type Move } from "@/lib/views/rank-moves";
import { itemOf, resolveVersion, roundRow, roundVersions, type RoundVersionItem } from "./history-versions";
import { getLeaderboard } from "./leaderboard";

export type { Move } from "@/lib/views/rank-moves";
export { resolveVersion, roundVersions, type ResolvedVersion, type RoundVersionItem } from "./history-versions";

export interface SubmissionRef {
  slug: string;
  displayName: string;
}

export interface RoundChanges {
  round: string;
  from: number;
  to: number;
  fromAt: Date;
  toAt: Date;
  added: SubmissionRef[];
  removed: SubmissionRef[];
  hidden: SubmissionRef[];
  unhidden: SubmissionRef[];
  verified: SubmissionRef[];
  unverified: SubmissionRef[];
  /** Every member of the default pool (at either version) whose rank or score differs, in rank order after. */
  moves: Move[];
  /** The versions in (from, to], newest first: who changed what. */
  versions: RoundVersionItem[];
}

async function submissionsAt(db: Db, roundId: number) {
  const rows = await db.submission.findMany({
    where: { roundId },
    select: { slug: true, displayName: true, hidden: true, verified: true },
    orderBy: { slug: "asc" },
  });
  return new Map(rows.map((r) => [r.slug, r]));
}

/** The default view's ranks and scores at a version. */
async function defaultRanks(db: Db, round: string) {
  const lb = await getLeaderboard(db, round, parseViewQuery(new URLSearchParams()).query);
  return new Map(lb.rows.map((r) => [r.slug, { rank: r.rank, score: r.score, displayName: r.displayName }]));
}

/**
 * What changed in a round between two versions (default: the last change,
 * to = current, from = to − 1): submissions added, removed, hidden and
 * verified, and the rank and score moves of the default pool.
 */
export async function roundChanges(db: Db, options: { round: string; from?: number | string | null; to?: number | string | null }): Promise<RoundChanges> {
  const round = await roundRow(db, options.round);
  const to = await resolveVersion(db, { round: round.slug, raw: String(options.to ?? round.dataVersion), param: "to" });
  const fromRaw =
    options.from != null ? String(options.from) : String(Math.max(to.version - 1, (await roundVersions(db, { round: round.slug })).at(-1)?.version ?? 0));
  const from = await resolveVersion(db, { round: round.slug, raw: fromRaw, param: "from" });
  if (from.version > to.version) {
    const message = `must not be after to (${to.version}), got ${from.version}`;
    throw new AppError("BAD_REQUEST", `invalid query: from: ${message}`, [{ path: "from", message }]);
  }
  const before = dbAt({ roundId: round.id, version: from.version });
  const after = dbAt({ roundId: round.id, version: to.version });
  const [subsBefore, subsAfter, ranksBefore, ranksAfter, versions] = await Promise.all([
    submissionsAt(before, round.id),
    submissionsAt(after, round.id),
    defaultRanks(before, round.slug),
    defaultRanks(after, round.slug),
    db.roundVersion.findMany({ where: { roundId: round.id, version: { gt: from.version, lte: to.version } }, orderBy: { version: "desc" } }),
  ]);
  const ref = (s: { slug: string; displayName: string }): SubmissionRef => ({ slug: s.slug, displayName: s.displayName });
  const both = [...subsAfter.values()].filter((s) => subsBefore.has(s.slug));
  const flipped = (field: "hidden" | "verified", value: boolean) => both.filter((s) => s[field] === value && subsBefore.get(s.slug)![field] !== value).map(ref);
  return {
    round: round.slug,
    from: from.version,
    to: to.version,
    fromAt: from.at,
    toAt: to.at,
    added: [...subsAfter.values()].filter((s) => !subsBefore.has(s.slug)).map(ref),
    removed: [...subsBefore.values()].filter((s) => !subsAfter.has(s.slug)).map(ref),
    hidden: flipped("hidden", true),
    unhidden: flipped("hidden", false),
    verified: flipped("verified", true),
    unverified: flipped("verified", false),
    moves: movesBetween(ranksBefore, ranksAfter),
    versions: versions.map(itemOf),
  };
}
