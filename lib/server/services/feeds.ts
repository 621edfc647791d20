// The changes the Atom feeds report (docs/feeds-and-badges.md): for a round,
// the last versions that changed its default view, each compared with the
// version before it by history's roundChanges; for the site, those of every
// round, newest first. Computed once per data version (of the round, or of
// the site) and kept: a past version's changes never change.
import type { Db } from "@/lib/db/client";
import { cached, roundVersions as currentVersions, siteVersion } from "@/lib/server/cache";
import { listRounds, roundCatalog } from "@/lib/server/services/catalog";
import { roundChanges, roundVersions } from "@/lib/server/services/history";
import { changesDefaultView, type FeedChange } from "@/lib/views/feeds/atom-feed";
import { scoreDigits } from "@/lib/views/format";

/** Versions of a round a feed looks back over (each compares two pinned views: a few database clients of lib/db/pinned.ts), and entries the site feed keeps. */
const ROUND_VERSIONS = 10;
const SITE_ENTRIES = 50;

export interface FeedChanges {
  /** The version the feed was computed at (its ETag): the round's data version, or the site version. */
  key: string;
  changes: FeedChange[];
  /** When the newest version was written (the feed's date when it has no entries). */
  updated: Date;
}

/** @throws AppError NOT_FOUND for an unknown round. */
export async function roundFeedChanges(db: Db, options: { round: string }): Promise<FeedChanges & { name: string }> {
  const catalog = await roundCatalog(db, options.round);
  const version = (await currentVersions(db, [options.round])).get(options.round)!;
  return cached(`feed|${options.round}@${version}`, async () => {
    const versions = await roundVersions(db, { round: options.round });
    const digits = scoreDigits(catalog.round.timeBasis);
    const changes: FeedChange[] = [];
    // Newest first; each version against the one recorded before it. One at a time: the
    // pinned leaderboards they compare are computed once each (cached per version) and
    // a feed request must not take every core.
    for (let i = 0; i + 1 < versions.length && i < ROUND_VERSIONS; i++) {
      const c = await roundChanges(db, { round: options.round, from: String(versions[i + 1]!.version), to: String(versions[i]!.version) });
      const change: FeedChange = { ...c, round: { slug: catalog.round.slug, name: catalog.round.name }, digits, toAt: new Date(c.toAt) };
      if (changesDefaultView(change)) changes.push(change);
    }
    return { key: `${options.round}@${version}`, changes, updated: versions[0]?.at ?? new Date(0), name: catalog.round.name };
  });
}

/** Every round's entries, newest first, at most SITE_ENTRIES. */
export async function siteFeedChanges(db: Db): Promise<FeedChanges> {
  const key = await siteVersion(db);
  return cached(`feed|site@${key}`, async () => {
    const rounds = await listRounds(db);
    const perRound = [];
    for (const r of rounds) perRound.push(await roundFeedChanges(db, { round: r.slug }));
    const changes = perRound.flatMap((f) => f.changes).sort((a, b) => b.toAt.getTime() - a.toAt.getTime());
    const updated = new Date(Math.max(0, ...perRound.map((f) => f.updated.getTime())));
    return { key: `site@${key}`, changes: changes.slice(0, SITE_ENTRIES), updated };
  });
}
