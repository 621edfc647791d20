// The version a page shows, for its permalink and citation: the round, its
// data version and when that version was written. A page pinned by `?at=`
// (docs/history.md) shows the pinned version; any other the current one.
import type { Db } from "@/lib/db/client";
import { currentPin } from "@/lib/db/pinned";
import { roundCatalog } from "@/lib/server/services/catalog";

export interface ViewVersion {
  round: { slug: string; name: string };
  version: number;
  /** When the version was written (ISO 8601). */
  date: string;
}

/** @throws AppError NOT_FOUND for an unknown round (naming the rounds). */
export async function viewVersion(db: Db, options: { round: string }): Promise<ViewVersion> {
  const catalog = await roundCatalog(db, options.round);
  const round = { slug: catalog.round.slug, name: catalog.round.name };
  const pin = currentPin();
  if (pin && pin.round === catalog.round.slug) return { round, version: pin.version, date: pin.at.toISOString() };
  const row = await db.round.findUniqueOrThrow({ where: { id: catalog.round.id }, select: { dataVersion: true, updatedAt: true } });
  // The version's own record (history writes one per version); a version from before history has none.
  const recorded = await db.roundVersion.findUnique({
    where: { roundId_version: { roundId: catalog.round.id, version: row.dataVersion } },
    select: { createdAt: true },
  });
  return { round, version: row.dataVersion, date: (recorded?.createdAt ?? row.updatedAt).toISOString() };
}
