// Moving a round to its next data version, and saying why (docs/history.md).
// Every write of a round's submissions, runs or results calls this FIRST in
// its transaction: the update takes the round's row lock (writers of one
// round queue here, so versions are a total order) and the history triggers
// stamp every row the transaction then writes with the new version.
import { executeInOrder, type SqlStatement } from "./tx-connection";

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

type Tx = Parameters<typeof executeInOrder>[0];

/**
 * The two statements that move the round to its next version and describe
 * it; the first returns the version (`dataVersion`). A writer that has more
 * to send under the round's lock sends them with the rest, in one batch
 * (lib/server/services/upload.ts).
 */
export function nextVersionStatements(roundId: number, note: VersionNote): SqlStatement[] {
  return [
    // updatedAt as Prisma's @updatedAt keeps it: UTC.
    {
      sql: `UPDATE "Round" SET "dataVersion" = "dataVersion" + 1, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING "dataVersion"`,
      params: [roundId],
    },
    describeStatement(roundId, null, note),
  ];
}

/** Bumps Round.dataVersion and records the RoundVersion row; returns the new version. */
export async function nextRoundVersion(tx: Tx, roundId: number, note: VersionNote): Promise<number> {
  const [bumped] = await executeInOrder(tx, nextVersionStatements(roundId, note));
  return (bumped![0] as { dataVersion: number }).dataVersion;
}

/** Fills in the RoundVersion row of a version (the trigger on Round wrote a bare one). */
export async function describeRoundVersion(tx: Tx, roundId: number, version: number, note: VersionNote): Promise<void> {
  await executeInOrder(tx, [describeStatement(roundId, version, note)]);
}

/** The RoundVersion row of `version`, or of the round's current version when null. */
function describeStatement(roundId: number, version: number | null, note: VersionNote): SqlStatement {
  return {
    sql: `INSERT INTO "RoundVersion" ("roundId", version, action, actor, target, runs, "uploadId")
          SELECT id, coalesce($2::int, "dataVersion"), $3, $4, $5, $6::int, $7::int FROM "Round" WHERE id = $1
          ON CONFLICT ("roundId", version) DO UPDATE
            SET action = EXCLUDED.action, actor = EXCLUDED.actor, target = EXCLUDED.target, runs = EXCLUDED.runs, "uploadId" = EXCLUDED."uploadId"`,
    params: [roundId, version, note.action, note.actor, note.target?.join(", ") ?? null, note.runs ?? 0, note.uploadId ?? null],
  };
}
