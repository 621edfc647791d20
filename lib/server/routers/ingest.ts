// ingest.upload (POST /api/trpc/ingest.upload, alias POST /api/v1/runs) and
// ingest.round (what an uploader needs to know about a round).
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { storable, unstorableText } from "@/lib/db/text";
import { JsonSyntaxError } from "@/lib/ingest/json-syntax";
import { uploadInputParser } from "@/lib/ingest/upload-parse";
import { text } from "@/lib/ingest/upload-schema";
import { AppError, asAppError, issuesError } from "@/lib/server/errors";
import { jsonBodyProblem } from "@/lib/server/json-guard";
import { BodyTimeoutError, PayloadTooLargeError, reserveUploadBody } from "@/lib/server/request-body";
import { audit } from "@/lib/server/services/audit";
import { roundSpec } from "@/lib/server/services/round-spec";
import { uploadRuns } from "@/lib/server/services/upload";
import { withPages } from "@/lib/server/services/upload-pages";
import { rehearsalReplacement } from "@/lib/server/services/upload-rehearsal";
import { mergeIssues, rawUploadProblems } from "@/lib/server/services/upload-problems";
import { authedProcedure, createTRPCRouter, publicProcedure, zodIssues } from "@/lib/server/trpc";

/**
 * Reads the body before the input schema does, so that unreadable JSON,
 * over-size bodies and bodies nothing recursive may walk (lib/server/json-guard.ts)
 * get the app's error messages; this and the next middleware record every
 * rejected upload (an Upload row with outcome "rejected" and an audit entry)
 * outside the service's rolled-back transaction.
 */
const uploadBody = authedProcedure.use(async ({ ctx, path, getRawInput, next }) => {
  const startedAt = Date.now();
  let raw: unknown;
  // Counted while the body is read: a few slow senders cannot hold every upload slot's memory.
  const release = reserveUploadBody(ctx.ip);
  try {
    // The REST alias hands over its body to be read only now, after the token check.
    raw = ctx.body ? await ctx.body() : await getRawInput();
  } catch (error) {
    const rejection = bodyError(error);
    await recordRejection(ctx, path, rejection, null, "(unreadable body)", startedAt);
    throw rejection;
  } finally {
    release();
  }
  // Before anything recursive walks the body (hashing, validation): depth, prototype keys, non-finite numbers.
  const problem = jsonBodyProblem(raw);
  if (problem) {
    const rejection = issuesError("BAD_REQUEST", "invalid upload", [problem]);
    await recordRejection(ctx, path, rejection, raw, "(rejected body)", startedAt);
    throw rejection;
  }
  return next({ getRawInput: async () => raw });
});

const uploadProcedure = uploadBody.use(async ({ ctx, path, getRawInput, next }) => {
  const startedAt = Date.now();
  const raw = await getRawInput();
  // The bytes as they came, hashed while they streamed in (lib/server/http/trpc-handler.ts); in-process callers: the parsed body.
  const payloadHash =
    ctx.bodyHash?.() ??
    createHash("sha256")
      .update(JSON.stringify(raw) ?? "")
      .digest("hex");
  const result = await next({ ctx: { upload: { payloadHash, startedAt } } });
  if (!result.ok) {
    const cause = result.error.cause;
    const rejection = await withEveryProblem(
      ctx.db,
      raw,
      asAppError(cause) ?? (cause instanceof z.ZodError ? issuesError("BAD_REQUEST", "invalid upload", zodIssues(cause)) : null),
    );
    // A server fault is recorded too (status 500), with the generic message the client gets.
    await recordRejection(ctx, path, rejection ?? { status: 500, code: "INTERNAL_SERVER_ERROR", message: "internal error" }, raw, payloadHash, startedAt);
    if (rejection) throw rejection;
  }
  return result;
});

/** A 400 for bad input also lists what the other stages would have found (services/upload-problems.ts). */
async function withEveryProblem(db: Db, raw: unknown, rejection: AppError | null): Promise<AppError | null> {
  if (!rejection || rejection.code !== "BAD_REQUEST") return rejection;
  const more = await rawUploadProblems(db, raw).catch(() => []);
  if (more.length === 0) return rejection;
  return issuesError("BAD_REQUEST", "invalid upload", mergeIssues(rejection.issues, more));
}

function bodyError(error: unknown): AppError {
  const tooLarge = PayloadTooLargeError.find(error);
  if (tooLarge) return issuesError("PAYLOAD_TOO_LARGE", "upload too large", [{ path: "(body)", message: tooLarge.message }]);
  const tooSlow = BodyTimeoutError.find(error);
  if (tooSlow) return issuesError("TIMEOUT", "upload too slow", [{ path: "(body)", message: tooSlow.message }]);
  const syntax = JsonSyntaxError.find(error);
  if (syntax)
    return issuesError("BAD_REQUEST", "invalid upload", [{ path: "(body)", message: `not valid JSON: ${syntax.message}\n${syntax.problem.excerpt}` }]);
  const reason = error instanceof Error ? error.message : String(error);
  return issuesError("BAD_REQUEST", "invalid upload", [
    {
      path: "(body)",
      message:
        `not valid JSON (${reason}). NaN, Infinity and -Infinity are not JSON: send null for a metric ` +
        "the log has no finite value for, and leave out the time of a run that did not reach the target",
    },
  ]);
}

/** writeRejection, best effort. */
async function recordRejection(...rejection: Parameters<typeof writeRejection>): Promise<void> {
  try {
    await writeRejection(...rejection);
  } catch (failure) {
    // The client must still get the original answer; the record is best effort.
    console.error("could not record a rejected upload:", failure);
  }
}

async function writeRejection(
  ctx: { db: Db; token: { id: number; name: string }; ip: string | null },
  path: string,
  error: { status: number; code: string; message: string },
  raw: unknown,
  payloadHash: string,
  startedAt: number,
): Promise<void> {
  const body = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  // Only a value that can name a round (the rejected body may hold anything, e.g. NUL, which PostgreSQL refuses).
  const roundSlug = typeof body.round === "string" && body.round.length <= 100 && !unstorableText(body.round) ? body.round : null;
  const round = roundSlug ? await ctx.db.round.findUnique({ where: { slug: roundSlug }, select: { id: true } }) : null;
  const runsTotal = Array.isArray(body.runs) ? body.runs.length : 0;
  await ctx.db.upload.create({
    data: {
      tokenId: ctx.token.id,
      tokenName: ctx.token.name,
      roundId: round?.id ?? null,
      payloadHash,
      outcome: "rejected",
      status: error.status,
      message: storable(error.message.slice(0, 4000)),
      runsTotal,
      ip: ctx.ip,
      durationMs: Date.now() - startedAt,
    },
  });
  await audit(ctx.db, {
    tokenName: ctx.token.name,
    action: path,
    target: roundSlug,
    outcome: error.code,
    details: { message: error.message.slice(0, 1000), runs: runsTotal },
  });
}

export const ingestRouter = createTRPCRouter({
  upload: uploadProcedure
    // uploadSchema, with a fast path for the eval series (lib/ingest/upload-parse.ts).
    .input(uploadInputParser)
    .mutation(async ({ ctx, input }) =>
      withPages(
        await uploadRuns(ctx.db, input, {
          token: ctx.token,
          payloadHash: ctx.upload.payloadHash,
          ip: ctx.ip,
          startedAt: ctx.upload.startedAt,
          ...(ctx.rehearsal ? { rehearsal: rehearsalReplacement(input) } : {}),
        }),
      ),
    ),

  round: publicProcedure.input(z.strictObject({ round: text(100).min(1) })).query(({ ctx, input }) => roundSpec(ctx.db, input.round)),
});
