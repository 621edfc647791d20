// Admin actions (admin-scope token): hide/unhide, verify/unverify, delete or purge a
// submission; create, update or close a round (docs/hosting-a-round.md).
import { z } from "zod";
import { text } from "@/lib/ingest/upload-schema";
import { WORKLOAD_CATALOG } from "@/lib/rounds/catalog";
import { closeRoundInput, createRoundInput, definitionFromRequest, targetsFromRequest, updateRoundInput } from "@/lib/rounds/round-request";
import { RoundDefinitionError } from "@/lib/rounds/targets-file";
import { closeRound, createRound, roundAppError, updateRound } from "@/lib/server/services/rounds-admin";
import { deleteSubmission, setSubmissionHidden, setSubmissionVerified } from "@/lib/server/services/submissions-admin";
import { purgeSubmission } from "@/lib/server/services/history-purge";
import { adminProcedure, createTRPCRouter } from "@/lib/server/trpc";

/** Round definition problems as the app's 400/404/409 (the CLI prints the same messages). */
async function roundAction<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw error instanceof RoundDefinitionError ? roundAppError(error) : error;
  }
}

const target = { round: text(100).min(1), submission: text(100).min(1) };

export const adminRouter = createTRPCRouter({
  hideSubmission: adminProcedure
    .input(z.strictObject({ ...target, hidden: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => setSubmissionHidden(ctx.db, { actor: ctx.token.name, ...input })),

  /** verified: false withdraws the verification (the submission leaves the default pool). */
  verifySubmission: adminProcedure
    .input(z.strictObject({ ...target, verified: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => setSubmissionVerified(ctx.db, { actor: ctx.token.name, ...input })),

  deleteSubmission: adminProcedure.input(z.strictObject(target)).mutation(({ ctx, input }) => deleteSubmission(ctx.db, { actor: ctx.token.name, ...input })),

  createRound: adminProcedure
    .input(createRoundInput)
    .mutation(({ ctx, input }) =>
      roundAction(() => createRound(ctx.db, { definition: definitionFromRequest(input), catalog: WORKLOAD_CATALOG, actor: ctx.token.name })),
    ),

  /** Refused (409) once the round has results and a score would change: that needs a new round. */
  updateRound: adminProcedure.input(updateRoundInput).mutation(({ ctx, input }) =>
    roundAction(() => {
      const { round, variants, ...rest } = input;
      const changes = { ...rest, targets: targetsFromRequest(input), extraWorkloads: variants };
      return updateRound(ctx.db, { slug: round, changes, catalog: WORKLOAD_CATALOG, actor: ctx.token.name });
    }),
  ),

  closeRound: adminProcedure
    .input(closeRoundInput)
    .mutation(({ ctx, input }) => roundAction(() => closeRound(ctx.db, { slug: input.round, actor: ctx.token.name }))),

  /** The one true delete: the submission and every state the history kept of it (docs/history.md), audited with the reason. */
  purgeSubmission: adminProcedure
    .input(z.strictObject({ ...target, reason: text(500).min(1) }))
    .mutation(({ ctx, input }) => purgeSubmission(ctx.db, { actor: ctx.token.name, ...input })),
});
