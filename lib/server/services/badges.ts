// What a submission's badge shows (/badges/<round>/<slug>.svg): its rank and
// score in the round's default pool at the round's current data version, or
// why it has none (unverified, hidden, not in the default pool). The version
// is part of the answer: the badge links to the view pinned at it
// (docs/feeds-and-badges.md).
import type { Db } from "@/lib/db/client";
import { roundVersions } from "@/lib/server/cache";
import { AppError } from "@/lib/server/errors";
import { roundCatalog } from "@/lib/server/services/catalog";
import { getLeaderboard } from "@/lib/server/services/leaderboard";
import { formatScore, scoreDigits } from "@/lib/views/format";
import { EMPTY_QUERY } from "@/lib/views/query";

export type BadgeState = "ranked" | "unverified" | "hidden" | "not ranked";

export interface SubmissionBadge {
  round: { slug: string; name: string };
  slug: string;
  /** null for a hidden submission: its name is not shown anywhere. */
  displayName: string | null;
  /** The round's data version the badge reports (its ETag and pinned link). */
  version: number;
  state: BadgeState;
  rank: number | null;
  poolSize: number | null;
  score: number | null;
  /** The score as the leaderboard prints it (docs/scoring.md §5.4 precision). */
  scoreText: string | null;
}

/** @throws AppError NOT_FOUND for an unknown round or a slug the round never had. */
export async function submissionBadge(db: Db, options: { round: string; slug: string }): Promise<SubmissionBadge> {
  const catalog = await roundCatalog(db, options.round);
  const version = (await roundVersions(db, [options.round])).get(options.round)!;
  const base = {
    round: { slug: catalog.round.slug, name: catalog.round.name },
    slug: options.slug,
    version,
    rank: null,
    poolSize: null,
    score: null,
    scoreText: null,
  };
  const sub = catalog.submissions.find((s) => s.slug === options.slug);
  if (!sub) {
    // Hidden submissions are left out of the catalog; a badge already embedded somewhere says so instead of breaking.
    const hidden = await db.submission.findFirst({ where: { roundId: catalog.round.id, slug: options.slug, hidden: true }, select: { id: true } });
    if (hidden) return { ...base, displayName: null, state: "hidden" };
    throw new AppError("NOT_FOUND", `unknown submission "${options.slug}" in round ${options.round}`, [
      { path: "slug", message: `unknown submission "${options.slug}"` },
    ]);
  }
  if (!sub.verified) return { ...base, displayName: sub.displayName, state: "unverified" };
  if (!sub.inDefaultPool) return { ...base, displayName: sub.displayName, state: "not ranked" };
  const lb = await getLeaderboard(db, options.round, EMPTY_QUERY);
  const row = lb.rows.find((r) => r.slug === options.slug);
  if (!row) return { ...base, displayName: sub.displayName, state: "not ranked" };
  return {
    ...base,
    displayName: sub.displayName,
    state: "ranked",
    rank: row.rank,
    poolSize: lb.rows.length,
    score: row.score,
    scoreText: formatScore(row.score, scoreDigits(catalog.round.timeBasis)),
  };
}
