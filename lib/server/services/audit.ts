// The audit trail: every upload and every admin action (token management,
// hiding or deleting a submission), with who, when, what, on what, and how it
// ended. Never holds a token, only its name.
import type { Db } from "@/lib/db/client";
import { storable } from "@/lib/db/text";
import type { Prisma } from "@/lib/db/generated/prisma/client";

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
  // Details and targets may quote what a client sent; the entry must be written whatever it was (lib/db/text.ts).
  await db.auditLog.create({
    data: {
      tokenName: entry.tokenName,
      action: entry.action,
      target: entry.target === null ? null : storable(entry.target),
      outcome: entry.outcome,
      details: (entry.details ? storable(entry.details) : undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
