// The audit trail: every upload and every admin action (token management,
// hiding or deleting a submission), with who, when, what, on what, and how it
// ended. Never holds a token, only its name.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { storable } from "@/lib/db/text";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { SqlStatement } from "@/lib/db/tx-connection";

export interface AuditEntry {
  /** Name of the token that acted; "(cli)" for local operator commands; null when no valid token was sent. */
  tokenName: string | null;
  /** e.g. "ingest.upload", "admin.hideSubmission", "token.create". */
  action: string;
  /** What was acted on, e.g. "algoperf-v0.6-self-tuning/schedule_free_adamw_v2". */
  target: string | null;
  /** "ok", or the error code: "BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "CONFLICT", ... */
  outcome: string;
  details?: Record<string, unknown>;
}

export async function audit(db: Db | Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  const { sql, params } = auditInsert(entry);
  await db.$executeRawUnsafe(sql, ...params);
}

/**
 * The statement that writes an audit entry, for a caller that sends it with
 * its other writes (lib/server/services/upload.ts). Details and targets may
 * quote what a client sent; the entry must be written whatever it was
 * (lib/db/text.ts). Its time is when it is written, in UTC like every DateTime Prisma writes.
 */
export function auditInsert(entry: AuditEntry): SqlStatement {
  return {
    sql: `INSERT INTO "AuditLog" ("at", "tokenName", action, target, outcome, details) VALUES (clock_timestamp() AT TIME ZONE 'UTC', $1, $2, $3, $4, $5::jsonb)`,
    params: [
      entry.tokenName,
      entry.action,
      entry.target === null ? null : storable(entry.target),
      entry.outcome,
      entry.details ? JSON.stringify(storable(entry.details)) : null,
    ],
  };
}

/** Window of the anonymous-rejection counters (one row per address, action, outcome and reason per window). */
const ANONYMOUS_WINDOW_MS = 60_000;

/**
 * A request rejected before it had a valid token (no token, a wrong or revoked
 * one). Such requests cost nothing to send, so they are counted rather than
 * written one by one: the first in a window writes the row, the others with
 * the same reason (e.g. "invalid token", "token was revoked") raise its
 * `count`. A flood of anonymous calls adds a row per address, action and
 * reason per minute, not a row per call.
 */
export async function auditAnonymousRejection(db: Db, entry: { action: string; outcome: string; ip: string | null; message: string }): Promise<void> {
  const windowStart = new Date(Math.floor(Date.now() / ANONYMOUS_WINDOW_MS) * ANONYMOUS_WINDOW_MS);
  const action = storable(entry.action.slice(0, 200));
  const reason = createHash("sha256").update(entry.message).digest("hex").slice(0, 16);
  const key = `anonymous|${entry.ip ?? "unknown"}|${action}|${entry.outcome}|${reason}|${windowStart.toISOString()}`;
  const details = JSON.stringify(storable({ message: entry.message.slice(0, 1000), ip: entry.ip, window: windowStart.toISOString() }));
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("tokenName", action, target, outcome, details, count, "aggregateKey")
    VALUES (NULL, ${action}, NULL, ${entry.outcome}, ${details}::jsonb, 1, ${key})
    ON CONFLICT ("aggregateKey") DO UPDATE SET count = "AuditLog".count + 1`;
}
