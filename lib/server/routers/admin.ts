// Admin actions (admin-scope token): hide/unhide, verify/unverify or delete a submission.
import { z } from "zod";
import { text } from "@/lib/ingest/upload-schema";
import { deleteSubmission, setSubmissionHidden, setSubmissionVerified } from "@/lib/server/services/submissions-admin";
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
});
