// The version a page shows, for its permalink and citation: the round, its
// data version and when that version was written.
import type { Db } from "@/lib/db/client";
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
  const row = await db.round.findUniqueOrThrow({ where: { id: catalog.round.id }, select: { dataVersion: true, updatedAt: true } });
  return { round: { slug: catalog.round.slug, name: catalog.round.name }, version: row.dataVersion, date: row.updatedAt.toISOString() };
}
