// Admin actions on submissions. Each changes what is scored, so each moves
// Round.dataVersion first (lib/db/round-version.ts: the history keeps the state
// it replaces, docs/history.md) and writes its audit entry in the same transaction.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { nextRoundVersion, type VersionAction } from "@/lib/db/round-version";
import { AppError } from "@/lib/server/errors";
import { audit } from "./audit";
import { throwUnknownRound } from "./round-slugs";

interface Target {
  actor: string;
  round: string;
  submission: string;
}

async function findSubmission(tx: Prisma.TransactionClient, round: string, slug: string) {
  const r = await tx.round.findUnique({ where: { slug: round }, select: { id: true } });
  if (!r) return throwUnknownRound(tx, round);
  const sub = await tx.submission.findUnique({ where: { roundId_slug: { roundId: r.id, slug } }, include: { _count: { select: { runs: true } } } });
  if (!sub) {
    const slugs = (await tx.submission.findMany({ where: { roundId: r.id }, select: { slug: true }, orderBy: { slug: "asc" } })).map((s) => s.slug);
    throw new AppError("NOT_FOUND", `no submission "${slug}" in round "${round}"; submissions: ${slugs.join(", ") || "(none)"}`, [
      { path: "submission", message: `unknown submission "${slug}"` },
    ]);
  }
  return sub;
}

type Flag = "hidden" | "verified";

/** The audit action and history name of setting each flag on (true) or off (false). */
const FLAG_NAMES: Record<Flag, Record<"true" | "false", { action: string; change: VersionAction }>> = {
  hidden: { true: { action: "admin.hideSubmission", change: "hide" }, false: { action: "admin.unhideSubmission", change: "unhide" } },
  verified: { true: { action: "admin.verifySubmission", change: "verify" }, false: { action: "admin.unverifySubmission", change: "unverify" } },
};

/** Sets one flag of a submission; the round's data version moves (named `change` in the history) only when it changed. */
async function setFlag<F extends Flag>(db: Db, options: Target & Record<F, boolean>, field: F) {
  const value: boolean = options[field];
  const { action, change } = FLAG_NAMES[field][`${value}`];
  const changed = await db.$transaction(async (tx) => {
    const sub = await findSubmission(tx, options.round, options.submission);
    const changed = sub[field] !== value;
    if (changed) {
      await nextRoundVersion(tx, sub.roundId, { action: change, actor: options.actor, target: [sub.slug], runs: sub._count.runs });
      await tx.submission.update({ where: { id: sub.id }, data: { [field]: value } });
    }
    await audit(tx, { tokenName: options.actor, action, target: `${options.round}/${options.submission}`, outcome: "ok", details: { changed } });
    return changed;
  });
  const flag = { [field]: value } as Record<F, boolean>;
  return { round: options.round, submission: options.submission, ...flag, changed };
}

export async function setSubmissionHidden(db: Db, options: Target & { hidden: boolean }) {
  return setFlag(db, options, "hidden");
}

/**
 * Verifies (or withdraws the verification of) a submission: a verified one
 * joins the round's default pool when its inDefaultPool says so
 * (docs/trust-model.md).
 */
export async function setSubmissionVerified(db: Db, options: Target & { verified: boolean }) {
  return setFlag(db, options, "verified");
}

export async function deleteSubmission(db: Db, options: Target) {
  return db.$transaction(async (tx) => {
    const sub = await findSubmission(tx, options.round, options.submission);
    await nextRoundVersion(tx, sub.roundId, { action: "delete", actor: options.actor, target: [sub.slug], runs: sub._count.runs });
    // Runs, their eval series and the derived WorkloadResult rows go with it
    // (onDelete: Cascade); the history triggers keep them for past versions.
    await tx.submission.delete({ where: { id: sub.id } });
    await audit(tx, {
      tokenName: options.actor,
      action: "admin.deleteSubmission",
      target: `${options.round}/${options.submission}`,
      outcome: "ok",
      details: { runs: sub._count.runs, source: sub.source },
    });
    return { round: options.round, submission: options.submission, deleted: true, runs: sub._count.runs };
  });
}
