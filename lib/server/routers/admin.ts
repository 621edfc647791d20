// Admin actions (admin-scope token): hide/unhide, verify/unverify, delete or purge a submission.
import { z } from "zod";
import { text } from "@/lib/ingest/upload-schema";
import { deleteSubmission, setSubmissionHidden, setSubmissionVerified } from "@/lib/server/services/submissions-admin";
import { purgeSubmission } from "@/lib/server/services/history-purge";
import { adminProcedure, createTRPCRouter } from "@/lib/server/trpc";

const target = { round: text(100).min(1), submission: text(100).min(1) };

export const adminRouter = createTRPCRouter({
  hideSubmission: adminProcedure
    .input(z.strictObject({ ...target, hidden: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => setSubmissionHidden(ctx.db, { actor: ctx.token.name, ...input })),

  /** verified: false withdraws the verification (the submission leaves the default pool). */
  verifySubmission: adminProcedure
    .input(z.strictObject({ ...target, verified: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => setSubmissionVerified(ctx.db, { actor: ctx.token.name, ...input })),

  deleteSubmission: adminProcedure
    .input(z.strictObject(target))
    .mutation(({ ctx, input }) => deleteSubmission(ctx.db, { actor: ctx.token.name, ...input })),

  /** The one true delete: the submission and every state the history kept of it (docs/history.md), audited with the reason. */
  purgeSubmission: adminProcedure
    .input(z.strictObject({ ...target, reason: text(500).min(1) }))
    .mutation(({ ctx, input }) => purgeSubmission(ctx.db, { actor: ctx.token.name, ...input })),
});
