// The one true delete (docs/history.md): a submission removed for legal
// reasons, with every state the history kept of it, its runs, eval series and
// results. Past views that showed it change (the only exception to "a pinned
// view never changes"); the purge is a version of its own and is audited.
import type { Db } from "@/lib/db/client";
import { nextRoundVersion } from "@/lib/db/round-version";
import { AppError, unknownRound } from "@/lib/server/errors";
import { audit } from "./audit";

export interface PurgeResult {
  round: string;
  submission: string;
  purged: true;
  /** Rows removed: current and kept states. */
  rows: { submissions: number; runs: number; evals: number; results: number };
}

export async function purgeSubmission(db: Db, options: { actor: string; round: string; submission: string; reason: string }): Promise<PurgeResult> {
  return db.$transaction(async (tx) => {
    const round = await tx.round.findUnique({ where: { slug: options.round }, select: { id: true } });
    if (!round)
      throw unknownRound(
        options.round,
        (await tx.round.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((r) => r.slug),
      );
    // Every id the submission had (a slug deleted and uploaded again has several).
    const ids = (
      await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM "Submission" WHERE "roundId" = ${round.id} AND slug = ${options.submission}
        UNION SELECT id FROM "SubmissionHistory" WHERE "roundId" = ${round.id} AND "row"->>'slug' = ${options.submission}`
    ).map((r) => r.id);
    if (ids.length === 0) {
      throw new AppError("NOT_FOUND", `no submission "${options.submission}" in round "${options.round}", now or in its history`, [
        { path: "submission", message: `unknown submission "${options.submission}"` },
      ]);
    }
    await nextRoundVersion(tx, round.id, { action: "purge", actor: options.actor, target: [options.submission] });
    // The history triggers keep nothing of what this transaction deletes.
    await tx.$executeRaw`SELECT set_config('algoperf.history', 'off', true)`;
    const runIds = (
      await tx.$queryRaw<
        { id: number }[]
      >`SELECT id FROM "Run" WHERE "submissionId" = ANY(${ids}) UNION SELECT id FROM "RunHistory" WHERE "submissionId" = ANY(${ids})`
    ).map((r) => r.id);
    const evals =
      (await tx.$executeRaw`DELETE FROM "RunEvalsHistory" WHERE "runId" = ANY(${runIds})`) + (await tx.runEvals.count({ where: { runId: { in: runIds } } }));
    const results =
      (await tx.$executeRaw`DELETE FROM "WorkloadResultHistory" WHERE "submissionId" = ANY(${ids})`) +
      (await tx.workloadResult.count({ where: { submissionId: { in: ids } } }));
    const runs =
      (await tx.$executeRaw`DELETE FROM "RunHistory" WHERE "submissionId" = ANY(${ids})`) + (await tx.run.count({ where: { submissionId: { in: ids } } }));
    const submissions =
      (await tx.$executeRaw`DELETE FROM "SubmissionHistory" WHERE id = ANY(${ids})`) + (await tx.submission.deleteMany({ where: { id: { in: ids } } })).count;
    const rows = { submissions, runs, evals, results };
    await audit(tx, {
      tokenName: options.actor,
      action: "admin.purgeSubmission",
      target: `${options.round}/${options.submission}`,
      outcome: "ok",
      details: { reason: options.reason, ...rows },
    });
    return { round: options.round, submission: options.submission, purged: true as const, rows };
  });
}
