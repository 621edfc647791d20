// The versions of a round (RoundVersion rows, one per write: docs/history.md)
// and what `?at=` resolves to. Its own file, light to import: the web server
// resolves `?at=` before Next.js sees a request (lib/server/http/pin-request.ts).
import type { Db } from "@/lib/db/client";
import { AppError, unknownRound } from "@/lib/server/errors";
import { parseAt } from "@/lib/views/at-param";

export interface RoundVersionItem {
  version: number;
  at: Date;
  /** seed, upload, replace, hide, unhide, verify, unverify, delete, purge; baseline = history starts here; create/change = a write that did not describe itself. */
  action: string;
  actor: string | null;
  /** Submission slugs the write touched. */
  submissions: string[];
  runs: number;
  uploadId: number | null;
}

export async function roundRow(db: Db, round: string) {
  const row = await db.round.findUnique({ where: { slug: round }, select: { id: true, slug: true, dataVersion: true } });
  if (row) return row;
  const rounds = (await db.round.findMany({ select: { slug: true }, orderBy: [{ position: "asc" }, { slug: "asc" }] })).map((r) => r.slug);
  throw unknownRound(round, rounds);
}

export const itemOf = (v: {
  version: number;
  createdAt: Date;
  action: string;
  actor: string | null;
  target: string | null;
  runs: number;
  uploadId: number | null;
}): RoundVersionItem => ({
  version: v.version,
  at: v.createdAt,
  action: v.action,
  actor: v.actor,
  submissions: v.target ? v.target.split(", ") : [],
  runs: v.runs,
  uploadId: v.uploadId,
});

/** The round's recorded versions, newest first. NOT_FOUND for an unknown round. */
export async function roundVersions(db: Db, options: { round: string }): Promise<RoundVersionItem[]> {
  const round = await roundRow(db, options.round);
  const rows = await db.roundVersion.findMany({ where: { roundId: round.id, version: { lte: round.dataVersion } }, orderBy: { version: "desc" } });
  return rows.map(itemOf);
}

export interface ResolvedVersion {
  round: string;
  roundId: number;
  version: number;
  /** When that version was written. */
  at: Date;
  current: number;
}

/**
 * The version `raw` names (a number, or an ISO date: the version current
 * then); BAD_REQUEST naming `param` when it is malformed or outside the
 * recorded history, NOT_FOUND for an unknown round.
 */
export async function resolveVersion(db: Db, options: { round: string; raw: string; param?: string }): Promise<ResolvedVersion> {
  const param = options.param ?? "at";
  const bad = (message: string) => new AppError("BAD_REQUEST", `invalid query: ${param}: ${message}`, [{ path: param, message }]);
  const parsed = parseAt(options.raw);
  if ("error" in parsed) throw bad(parsed.error);
  const round = await roundRow(db, options.round);
  const first = await db.roundVersion.findFirst({ where: { roundId: round.id }, orderBy: { version: "asc" } });
  const start = first?.version ?? round.dataVersion;
  const range = `round "${round.slug}" has versions ${start} to ${round.dataVersion}`;
  let version: number;
  if ("version" in parsed) {
    if (parsed.version < start || parsed.version > round.dataVersion) throw bad(`no version ${parsed.version}: ${range}`);
    version = parsed.version;
  } else {
    // The version current at a future instant is not known yet: a pinned view must never change.
    if (parsed.date.getTime() > Date.now())
      throw bad(`${parsed.date.toISOString()} is in the future: use a past date or a version number (the current one is ${round.dataVersion})`);
    const row = await db.roundVersion.findFirst({
      where: { roundId: round.id, createdAt: { lte: parsed.date }, version: { lte: round.dataVersion } },
      orderBy: { version: "desc" },
    });
    if (!row)
      throw bad(
        `${parsed.date.toISOString()} is before the first recorded version of round "${round.slug}" (${first ? first.createdAt.toISOString() : "none"})`,
      );
    version = row.version;
  }
  const row = await db.roundVersion.findUnique({ where: { roundId_version: { roundId: round.id, version } } });
  // A version bumped by a write that recorded no row (none do today) is dated by the one before it.
  const at =
    row?.createdAt ??
    (await db.roundVersion.findFirst({ where: { roundId: round.id, version: { lt: version } }, orderBy: { version: "desc" } }))?.createdAt ??
    new Date(0);
  return { round: round.slug, roundId: round.id, version, at, current: round.dataVersion };
}
