// Moving a round to its next data version, and saying why (docs/history.md).
// Every write of a round's submissions, runs or results calls this FIRST in
// its transaction: the update takes the round's row lock (writers of one
// round queue here, so versions are a total order) and the history triggers
// stamp every row the transaction then writes with the new version.
import type { Prisma } from "./generated/prisma/client";

export type VersionAction = "seed" | "upload" | "replace" | "hide" | "unhide" | "verify" | "unverify" | "delete" | "purge";

export interface VersionNote {
  action: VersionAction;
  /** Token name behind the write; null for the seed. */
  actor: string | null;
  /** Submission slugs the write touches. */
  target?: string[];
  runs?: number;
  uploadId?: number | null;
}

/** Bumps Round.dataVersion and records the RoundVersion row; returns the new version. */
export async function nextRoundVersion(tx: Prisma.TransactionClient, roundId: number, note: VersionNote): Promise<number> {
  const { dataVersion } = await tx.round.update({ where: { id: roundId }, data: { dataVersion: { increment: 1 } }, select: { dataVersion: true } });
  await describeRoundVersion(tx, roundId, dataVersion, note);
  return dataVersion;
}

/** Fills in the RoundVersion row of a version (the trigger on Round wrote a bare one). */
export async function describeRoundVersion(tx: Prisma.TransactionClient, roundId: number, version: number, note: VersionNote): Promise<void> {
  const data = { action: note.action, actor: note.actor, target: note.target?.join(", ") ?? null, runs: note.runs ?? 0, uploadId: note.uploadId ?? null };
  await tx.roundVersion.upsert({ where: { roundId_version: { roundId, version } }, create: { roundId, version, ...data }, update: data });
}
