// The upload service behind tRPC `ingest.upload` and POST /api/v1/runs: one
// atomic batch of runs for one round. Checks against the round and the stored
// data, derives times (lib/ingest/derive-run.ts), and writes everything in one
// transaction: runs (+ eval series), submissions, WorkloadResult rows
// (refreshResults), Round.dataVersion, the Upload row and the audit entry.
// Any invalid run rejects the whole batch with every problem named by its
// JSON path; a rejected batch writes nothing here (the router records the
// rejection outside the rolled-back transaction). What to create, replace or
// leave is decided by the pure plan (lib/ingest/upload-plan.ts); this file
// reads what the plan needs and writes what it decided.
import { jsonRows, pgArray, pgTextArray } from "@/lib/db/bulk";
import type { Db } from "@/lib/db/client";
import { transactionLimits } from "@/lib/db/config";
import { Prisma } from "@/lib/db/generated/prisma/client";
import { nextVersionStatements, type VersionNote } from "@/lib/db/round-version";
import { executeInOrder, trackedTransaction, type SqlStatement } from "@/lib/db/tx-connection";
import { retryOnWriteConflict } from "@/lib/db/write-conflicts";
import { uploadWindowProblem, type UploadWindow } from "@/lib/rounds/upload-window";
import { completeness, type Completeness } from "@/lib/ingest/completeness";
import { deriveRun, type DerivedRun, type PathIssue, type RoundSpec, type WorkloadSpec } from "@/lib/ingest/derive-run";
import { STEP_BYTES, VALUE_BYTES } from "@/lib/db/eval-columns";
import { bytesOf } from "@/lib/ingest/packed-evals";
import { PACKED_HASH_PREFIX } from "@/lib/ingest/run-hash";
import { replaceCellsStatements, resultRows, type RunRow } from "@/lib/ingest/refresh-results";
import {
  describeDiffers,
  planUpload,
  RUN_FIELDS,
  uploadSlugs,
  type RunStatus,
  type StoredRun,
  type StoredRunFields,
  type UploadPlan,
} from "@/lib/ingest/upload-plan";
import type { Upload } from "@/lib/ingest/upload-schema";
import { AppError, issuesError, MAX_ISSUES, unknownRoundText } from "@/lib/server/errors";
import { auditInsert } from "./audit";
import type { TokenIdentity } from "./tokens";
import { roundSlugs } from "./round-slugs";

type Tx = Prisma.TransactionClient;

export type { RunStatus } from "@/lib/ingest/upload-plan";

export interface RunOutcome {
  /** Index in the request's `runs`. */
  index: number;
  submission: string;
  workload: string;
  study: number;
  trial: number;
  clientRunId: string | null;
  status: RunStatus;
  id: number;
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  steps: number | null;
  firstHitIndex: number | null;
  overBudget: boolean;
}

export interface UploadResult {
  uploadId: number;
  round: string;
  /** Round.dataVersion after this upload (unchanged when nothing changed). */
  dataVersion: number;
  counts: { runs: number; created: number; unchanged: number; replaced: number };
  /**
   * verified: false = outside the round's default pool until an admin verifies
   * it (docs/trust-model.md): what an upload token creates or changes.
   */
  submissions: { slug: string; status: "created" | "updated" | "unchanged"; hidden: boolean; verified: boolean }[];
  runs: RunOutcome[];
  warnings: PathIssue[];
  completeness: Completeness[];
}

export interface UploadContext {
  token: TokenIdentity;
  payloadHash: string;
  ip: string | null;
  startedAt: number;
  /**
   * A rehearsal (./upload-rehearsal.ts): everything is done, then `replaceWith`
   * (the same runs changed) is uploaded in the same transaction, which then
   * rolls back; the result is replaceWith's.
   */
  rehearsal?: { replaceWith: Upload };
}

/** Rolls a rehearsal's transaction back, carrying what it would have returned. */
class RolledBack extends Error {
  constructor(readonly result: UploadResult) {
    super("upload rehearsal rolled back");
  }
}

/** Eval series per INSERT statement (2,000 runs with 80 evals each is ~3 MB of packed bytes). */
const EVALS_CHUNK = 2_000;

export async function uploadRuns(db: Db, input: Upload, ctx: UploadContext): Promise<UploadResult> {
  const round = await db.round.findUnique({ where: { slug: input.round }, include: { workloads: { orderBy: { position: "asc" } } } });
  if (!round) {
    throw issuesError("BAD_REQUEST", "invalid upload", [
      { path: "round", message: `${unknownRoundText(input.round)}; rounds: ${(await roundSlugs(db)).join(", ")}` },
    ]);
  }
  assertRoundOpen(round, ctx.token);
  // 1. Everything that needs only the round: workloads, derived times.
  const { derived, warnings } = deriveAll(input, round);
  const again = ctx.rehearsal && { input: ctx.rehearsal.replaceWith, ...deriveAll(ctx.rehearsal.replaceWith, round) };

  // 2. Everything that needs the stored data, in one transaction.
  return retryOnWriteConflict(() =>
    // Time limits from the environment (lib/db/config.ts): large batches and queues of concurrent uploads.
    // Tracked: the runs and their series go in on the transaction's own connection (lib/db/tx-connection.ts).
    trackedTransaction(() =>
      db.$transaction(async (tx) => {
        const result = await writeUpload(tx, input, ctx, round, derived, warnings);
        if (!again) return result;
        // A rehearsal also replaces what it wrote (the path of a re-upload), then rolls everything back.
        throw new RolledBack(await writeUpload(tx, again.input, ctx, round, again.derived, again.warnings));
      }, transactionLimits()),
    ),
  ).catch((error: unknown) => {
    if (error instanceof RolledBack) return error.result;
    throw error;
  });
}

/** The runs' derived times (lib/ingest/derive-run.ts) and warnings; a 400 with every problem when any run is refused. */
function deriveAll(input: Upload, round: RoundSpec & { trialsExpected: number; workloads: WorkloadSpec[] }): { derived: DerivedRun[]; warnings: PathIssue[] } {
  const workloads = new Map(round.workloads.map((w) => [w.key, w]));
  const workloadKeys = round.workloads.map((w) => w.key).join(", ");
  const issues: PathIssue[] = [];
  const warnings: PathIssue[] = [];
  const derived: DerivedRun[] = [];
  input.runs.forEach((run, i) => {
    const w = workloads.get(run.workload);
    if (!w) {
      issues.push({ path: `runs.${i}.workload`, message: `unknown workload "${run.workload}" in round "${round.slug}"; workloads: ${workloadKeys}` });
      return;
    }
    const result = deriveRun(run, round, w, `runs.${i}`, warnings);
    if ("issues" in result) issues.push(...result.issues);
    else derived[i] = result.run;
  });
  if (issues.length > 0) throw issuesError("BAD_REQUEST", "invalid upload", issues);
  if (round.trialsExpected > 1) {
    input.runs.forEach((run, i) => {
      if (run.timeToTarget?.reached && run.timeToTarget.firstHitIndex == null) {
        warnings.push({
          path: `runs.${i}.timeToTarget.firstHitIndex`,
          message:
            "missing: the best trial of a study is chosen by first-hit eval index (docs/scoring.md §2.2); without it the smallest time is used for this study",
        });
      }
    });
  }
  return { derived, warnings };
}

/**
 * A published round is a closed record (docs/trust-model.md): an upload token
 * cannot add to it, so no upload can change the published leaderboards.
 * Nor outside the round's opensAt..closesAt window (lib/rounds/upload-window.ts).
 */
function assertRoundOpen(round: UploadWindow & { published: boolean }, token: TokenIdentity): void {
  if (token.scope === "admin") return;
  const outside = uploadWindowProblem(round, new Date());
  if (outside) throw new AppError("FORBIDDEN", outside, [{ path: "round", message: outside }]);
  if (!round.published) return;
  const message = `round "${round.slug}" holds published results and is closed to upload tokens: only an admin token may upload into it; upload into a round open to uploads (e.g. algoperf-v0.6-self-tuning)`;
  throw new AppError("FORBIDDEN", message, [{ path: "round", message: "published round: admin token required" }]);
}

type RoundRow = NonNullable<Awaited<ReturnType<Db["round"]["findUnique"]>>> & { workloads: { id: number; key: string; role: string }[] };

type StoredSubmissionRow = Awaited<ReturnType<Tx["submission"]["findMany"]>>[number];

/** A stored run of the upload's submissions: what the plan compares, and what its cell's result is derived from. */
type ExistingRun = StoredRun & RunRow;

async function writeUpload(
  tx: Tx,
  input: Upload,
  ctx: UploadContext,
  round: RoundRow,
  derived: DerivedRun[],
  pureWarnings: PathIssue[],
): Promise<UploadResult> {
  const txStartedAt = Date.now();
  const slugs = uploadSlugs(input);
  const { storedRows, stored, existing } = await readStored(tx, round.id, slugs);
  const plan = planUpload({ input, round, derived, token: ctx.token, stored: storedRows, existing });
  await throwIfRefused(tx, plan, input, derived, ctx.token);

  // 3. Writes.
  const tokenId = ctx.rehearsal ? null : ctx.token.id; // a rehearsal's identity is no stored token
  // Raw SQL, not upload.create: Prisma compiles a model query's shape in its WebAssembly query
  // compiler the first time a process sees it, and the rehearsal's row (no token) has another shape
  // than a real upload's. That compile, in the first real upload after a start, made V8 optimise the
  // compiler's code on background threads: ~0.15 s more CPU in the web processes (docs/performance.md,
  // "The query compiler's first call").
  const [upload] = await tx.$queryRaw<[{ id: number }]>`
    INSERT INTO "Upload" ("tokenId", "tokenName", "roundId", "payloadHash", "outcome", "status", "runsTotal", "ip")
    VALUES (${tokenId}, ${ctx.token.name}, ${round.id}, ${ctx.payloadHash}, 'accepted', 200, ${input.runs.length}, ${ctx.ip})
    RETURNING "id"`;
  const { writes, submissionIds, runRows, cells, results, counts, touched } = await beforeTheLock(tx, {
    input,
    round,
    derived,
    plan,
    slugs,
    stored,
    existing,
  });

  const { dataVersion, verifiedNow } = await underTheLock(tx, {
    input,
    ctx,
    round,
    plan,
    stored,
    submissionIds,
    uploadId: upload.id,
    tokenId,
    runRows,
    cells,
    results,
    counts,
    touched,
    txStartedAt,
  });
  const report = completenessAfter({ input, round, touched, submissionIds, existing, toDelete: plan.toDelete, writes });

  return {
    uploadId: upload.id,
    round: round.slug,
    dataVersion,
    counts,
    submissions: [...plan.submissionStatus].map(([slug, status]) => ({ slug, status, hidden: stored.get(slug)?.hidden ?? false, verified: verifiedNow(slug) })),
    runs: input.runs.map((run, i) => runOutcome(run, derived[i]!, i, plan.statuses[i]!, plan.outcomeIds[i]!)),
    warnings: [...pureWarnings, ...plan.warnings].slice(0, MAX_ISSUES),
    completeness: report,
  };
}

interface LockedWrites {
  input: Upload;
  ctx: UploadContext;
  round: RoundRow;
  plan: UploadPlan;
  stored: Map<string, StoredSubmissionRow>;
  submissionIds: Map<string, number>;
  uploadId: number;
  tokenId: number | null;
  runRows: string[] | null;
  cells: Parameters<typeof replaceCellsStatements>[0];
  results: Parameters<typeof replaceCellsStatements>[1];
  counts: { runs: number; created: number; unchanged: number; replaced: number };
  touched: string[];
  txStartedAt: number;
}

/**
 * The writes from the round's next version to the audit entry; returns the
 * version and, per submission, whether it is verified after them.
 */
async function underTheLock(tx: Tx, w: LockedWrites): Promise<{ dataVersion: number; verifiedNow: (slug: string) => boolean }> {
  const { input, ctx, round, plan, stored, submissionIds, uploadId, tokenId, runRows, cells, results, counts, touched, txStartedAt } = w;
  const admin = ctx.token.scope === "admin";
  const unverified = admin ? [] : toUnverify(input, plan, submissionIds, stored);
  // The rows, the derived results of their cells (docs/scoring.md §2, computed before the lock), the upload's
  // counts and its audit entry, in one go. The audit entry is the last write (tests/integration/faults.test.ts
  // holds the audit log to stop an upload there, after its data). The duration runs to that update, without
  // mixing clocks: this process's until the transaction began, the database's from then (now() is its start).
  const rowWrites: SqlStatement[] = [
    ...(plan.toDelete.size ? [{ sql: `DELETE FROM "Run" WHERE id = ANY($1::text::int[])`, params: [pgArray([...plan.toDelete])] }] : []),
    ...(runRows ? [insertRuns(round.id, uploadId, runRows)] : []),
    ...replaceCellsStatements(cells, results),
    {
      sql: `UPDATE "Upload" SET created = $1, unchanged = $2, replaced = $3, "durationMs" = $4::int + round(extract(epoch FROM clock_timestamp() - now()) * 1000)::int WHERE id = $5`,
      params: [counts.created, counts.unchanged, counts.replaced, txStartedAt - ctx.startedAt, uploadId],
    },
    auditInsert({
      tokenName: ctx.token.name,
      action: "ingest.upload",
      target: `${round.slug}: ${touched.join(", ")}`,
      outcome: "ok",
      details: { uploadId, ...counts, replace: input.replace },
    }),
  ];
  // The version first, before any row changes (lib/db/round-version.ts): the history triggers stamp the rows
  // with it, and its update takes the round's lock, which the writes of this round queue for until COMMIT. So
  // that the lock is held only while PostgreSQL works, the version's statements go out with the rows' in one
  // batch, unless submission rows are written through Prisma in between.
  const note = versionNote(plan, ctx.token, uploadId);
  const version = note ? nextVersionStatements(round.id, note) : [];
  // A change by an upload token takes a verified submission out of the default pool again until an admin looks at it.
  const unverify = unverified.length
    ? [
        {
          sql: `UPDATE "Submission" SET verified = false, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = ANY($1::text::int[])`,
          params: [pgArray(unverified.map((u) => u.id))],
        },
      ]
    : [];
  let written: unknown[][];
  if ([...plan.submissionStatus.values()].some((status) => status !== "unchanged")) {
    written = await executeInOrder(tx, version);
    await writeSubmissions(tx, input, plan, round.id, { tokenId, admin }, stored, submissionIds);
    await executeInOrder(tx, [...unverify, ...rowWrites]);
  } else written = await executeInOrder(tx, [...version, ...unverify, ...rowWrites]);
  const dataVersion = note ? (written[0]![0] as { dataVersion: number }).dataVersion : round.dataVersion;
  const verifiedNow = (slug: string) => (stored.has(slug) ? stored.get(slug)!.verified && !unverified.some((u) => u.slug === slug) : admin);
  return { dataVersion, verifiedNow };
}

/** Under the submissions' locks (taken here): their stored rows and all their runs. */
async function readStored(tx: Tx, roundId: number, slugs: string[]) {
  await lockSubmissions(tx, roundId, slugs);
  const storedRows = await tx.submission.findMany({ where: { roundId, slug: { in: slugs } } });
  const stored = new Map(storedRows.map((s) => [s.slug, s]));
  const existingIds = storedRows.map((s) => s.id);
  const existing = existingIds.length
    ? await jsonRows<ExistingRun>(
        tx,
        `SELECT id, "submissionId", "workloadId", "roundId", study, trial, position, reached, "timeSeconds", "timeFraction", "firstHitIndex", "clientRunId", "contentHash",
                ("contentHash" NOT LIKE '${PACKED_HASH_PREFIX}%' AND EXISTS (SELECT 1 FROM "RunEvals" e WHERE e."runId" = r.id)) AS "legacyEvalsHash"
           FROM "Run" r WHERE "submissionId" = ANY($1::text::int[])`,
        pgArray(existingIds),
      )
    : [];
  return { storedRows, stored, existing };
}

interface Planned {
  input: Upload;
  round: RoundRow;
  derived: DerivedRun[];
  plan: UploadPlan;
  slugs: string[];
  stored: Map<string, StoredSubmissionRow>;
  existing: ExistingRun[];
}

/**
 * Before the round's lock, everything that does not depend on the version: ids
 * from the sequences, the runs' rows, counts and the eval series. The writes of one round queue behind that lock until COMMIT
 * (lib/db/round-version.ts), so what runs under it is what a batch of
 * concurrent uploads waits for (issue 12).
 */
async function beforeTheLock(tx: Tx, p: Planned) {
  const { input, round, plan, stored } = p;
  const writes = input.runs.flatMap((_run, i) => (plan.statuses[i] === "created" || plan.statuses[i] === "replaced" ? [i] : []));
  const newSlugs = [...plan.submissionStatus].filter(([, status]) => status === "created").map(([slug]) => slug);
  const ids = await allocateIds(tx, writes.length, newSlugs.length);
  const submissionIds = new Map([...stored.values()].map((s) => [s.slug, s.id]));
  newSlugs.forEach((slug, k) => submissionIds.set(slug, ids.submissions[k]!));
  const workloadId = new Map(round.workloads.map((w) => [w.key, w.id]));
  const runWrites: RunWrites = { input, derived: p.derived, writes, ids: ids.runs, plan, submissionIds, workloadId };
  const runRows = writes.length ? runColumns(runWrites) : null;
  // The cells whose derived results change: those of every run deleted or written.
  const cells = p.existing.filter((r) => plan.toDelete.has(r.id)).map((r) => ({ submissionId: r.submissionId, workloadId: r.workloadId }));
  for (const i of writes) cells.push({ submissionId: submissionIds.get(input.runs[i]!.submission)!, workloadId: workloadId.get(input.runs[i]!.workload)! });
  const counts = { runs: input.runs.length, created: 0, unchanged: 0, replaced: 0 };
  for (const s of plan.statuses) counts[s!]++;
  const touched = p.slugs.filter((s) => submissionIds.has(s));
  const results = resultRows(cellRuns(runWrites, p.existing, cells, round.id));
  // In one round trip (executeInOrder). The series of the runs to replace go first, here: they are unversioned
  // (their history trigger keeps them whatever the version), so this needs no lock, and the runs' DELETE under the
  // lock then cascades to nothing. Under the lock, the cascade (one statement per run, and the series' history
  // copy) was ~70% of that DELETE (EXPLAIN ANALYZE, 396 runs: 38-48 ms, then 11 ms), and uploads into one round
  // queue there (issue 12). The new eval series (unversioned) go in now too, before their runs: RunEvals' foreign
  // key to Run is checked at COMMIT in this transaction (deferrable, prisma/migrations/*_run_evals_fk_deferrable),
  // when the runs are there.
  await executeInOrder(tx, [
    ...(plan.toDelete.size ? [{ sql: `DELETE FROM "RunEvals" WHERE "runId" = ANY($1::text::int[])`, params: [pgArray([...plan.toDelete])] }] : []),
    ...(runRows ? [{ sql: `SET CONSTRAINTS "RunEvals_runId_fkey" DEFERRED`, params: [] }, ...evalsInserts(withEvals(runWrites))] : []),
  ]);
  return { writes, submissionIds, runRows, cells, results, counts, touched };
}

/**
 * The runs of these cells once the upload is written: the stored ones it
 * keeps (read under the submissions' locks, so no one else changes them)
 * and the ones it writes. Their results are what refreshResults would derive
 * from the table after the write.
 */
function cellRuns(w: RunWrites, existing: ExistingRun[], cells: { submissionId: number; workloadId: number }[], roundId: number): RunRow[] {
  const inCells = new Set(cells.map((c) => `${c.submissionId}:${c.workloadId}`));
  const runs: RunRow[] = existing.filter((r) => !w.plan.toDelete.has(r.id) && inCells.has(`${r.submissionId}:${r.workloadId}`));
  for (const i of w.writes) {
    const run = w.input.runs[i]!;
    const d = w.derived[i]!;
    runs.push({
      submissionId: w.submissionIds.get(run.submission)!,
      workloadId: w.workloadId.get(run.workload)!,
      roundId,
      study: run.study,
      trial: run.trial,
      position: d.position,
      reached: d.reached,
      timeSeconds: d.timeSeconds,
      timeFraction: d.timeFraction,
      firstHitIndex: d.firstHitIndex,
    });
  }
  return runs;
}

/**
 * Uploads touching the same submission queue here, so the read-compare-write
 * of writeUpload never races; locks are taken in slug order, so two uploads
 * cannot deadlock. The unique constraints on Run and Submission stay the
 * backstop (a violation is retried by retryOnWriteConflict and then finds the
 * row). One statement takes them all, in that order (the function runs on the
 * rows as the sorted subquery yields them).
 */
async function lockSubmissions(tx: Tx, roundId: number, slugs: string[]): Promise<void> {
  await tx.$queryRawUnsafe(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))::int AS n FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
    slugs.map((slug) => `submission:${roundId}:${slug}`),
  );
}

/** Throws the plan's refusals, bad requests first; conflicts of content first say which stored fields differ. */
async function throwIfRefused(tx: Tx, plan: UploadPlan, input: Upload, derived: DerivedRun[], token: TokenIdentity): Promise<void> {
  if (plan.differs.length) {
    const rows = await tx.run.findMany({
      where: { id: { in: plan.differs.map((x) => x.storedId) } },
      select: { id: true, ...Object.fromEntries(RUN_FIELDS.map((f) => [f, true])) },
    });
    describeDiffers(plan, input, derived, new Map(rows.map((r) => [r.id, r as unknown as StoredRunFields])));
  }
  if (plan.badRequest.length) throw issuesError("BAD_REQUEST", "invalid upload", plan.badRequest);
  if (plan.forbidden.length) throw issuesError("FORBIDDEN", `token "${token.name}" may not write these runs`, plan.forbidden);
  if (plan.conflicts.length) throw issuesError("CONFLICT", "upload conflicts with stored data", plan.conflicts);
}

/** Creates the new submissions (with the ids allocated before the round's lock) and updates the changed ones. */
async function writeSubmissions(
  tx: Tx,
  input: Upload,
  plan: UploadPlan,
  roundId: number,
  /** Who uploads: the stored token (null in a rehearsal), and whether it is an admin's. */
  by: { tokenId: number | null; admin: boolean },
  stored: Map<string, StoredSubmissionRow>,
  submissionIds: Map<string, number>,
): Promise<void> {
  const declared = new Map((input.submissions ?? []).map((s) => [s.slug, s]));
  const newSubmissions = [...plan.submissionStatus].filter(([, status]) => status === "created").map(([slug]) => declared.get(slug)!);
  if (newSubmissions.length) {
    await tx.submission.createMany({
      data: newSubmissions.map((s) => ({
        id: submissionIds.get(s.slug)!,
        roundId,
        slug: s.slug,
        displayName: s.displayName ?? s.slug,
        baseAlgorithm: s.baseAlgorithm ?? null,
        family: s.family ?? null,
        baseOptimizer: s.baseOptimizer ?? null,
        horizon: s.horizon ?? null,
        searchRank: s.searchRank ?? null,
        hyperparameters: (s.hyperparameters ?? undefined) as Prisma.InputJsonValue | undefined,
        authors: s.authors ?? null,
        affiliation: s.affiliation ?? null,
        framework: s.framework ?? null,
        notes: s.notes ?? null,
        source: "uploaded" as const,
        uploadedById: by.tokenId,
        // An admin's upload is its own verification; anything else waits for one (docs/trust-model.md).
        verified: by.admin,
      })),
    });
  }
  for (const [slug, status] of plan.submissionStatus) {
    if (status !== "updated") continue;
    const update = plan.metadataUpdates.get(slug)!;
    // A JSON column is cleared with Prisma's DbNull, not null.
    const data = "hyperparameters" in update ? { ...update, hyperparameters: update.hyperparameters ?? Prisma.DbNull } : update;
    await tx.submission.update({ where: { id: stored.get(slug)!.id }, data });
  }
}

interface RunWrites {
  input: Upload;
  derived: DerivedRun[];
  /** Indexes of the runs to write. */
  writes: number[];
  /** Their ids, allocated from the table's own sequence (allocateIds). */
  ids: number[];
  plan: UploadPlan;
  submissionIds: Map<string, number>;
  workloadId: Map<string, number>;
}

/**
 * Ids of the runs and submissions to create, from the tables' own sequences in
 * one statement, so rows go in without anything having to come back. A
 * sequence is not transactional: this needs no lock.
 */
async function allocateIds(tx: Tx, runs: number, submissions: number): Promise<{ runs: number[]; submissions: number[] }> {
  if (runs === 0 && submissions === 0) return { runs: [], submissions: [] };
  const [row] = await tx.$queryRawUnsafe<[{ runs: string; submissions: string }]>(
    `SELECT array_to_string(ARRAY(SELECT nextval('"Run_id_seq"'::regclass) FROM generate_series(1, $1::int)), ',') AS runs,
            array_to_string(ARRAY(SELECT nextval('"Submission_id_seq"'::regclass) FROM generate_series(1, $2::int)), ',') AS submissions`,
    runs,
    submissions,
  );
  const list = (s: string) => (s === "" ? [] : s.split(",").map(Number));
  return { runs: list(row.runs), submissions: list(row.submissions) };
}

/**
 * The columns of the runs' INSERT (insertRuns), one array literal each; sets
 * the runs' ids in plan.outcomeIds. Arrays, not one JSON text of the rows:
 * the INSERT runs under the round's lock, where uploads of one round queue
 * (issue 12), and PostgreSQL reads 1,000 AlgoPerf runs from arrays in ~32 ms
 * against ~44 ms from JSON (json_to_recordset checks and walks the text
 * twice, and the hyperparameters and provenance a third time for jsonb;
 * docs/performance.md). The literals are built in one pass each here
 * (lib/db/bulk.ts); numbers print in their shortest round-trip form, which
 * float8 reads back to the same double.
 */
function runColumns(w: RunWrites): string[] {
  const n = w.writes.length;
  const num = (f: (k: number) => number | boolean | null) => pgArray(Array.from({ length: n }, (_, k) => f(k)));
  const text = (f: (k: number) => string | null) => pgTextArray(Array.from({ length: n }, (_, k) => f(k)));
  const run = (k: number) => w.input.runs[w.writes[k]!]!;
  const d = (k: number) => w.derived[w.writes[k]!]!;
  const json = (v: Record<string, unknown> | null | undefined) => (v == null ? null : JSON.stringify(v));
  w.writes.forEach((i, k) => (w.plan.outcomeIds[i] = w.ids[k]!));
  return [
    num((k) => w.ids[k]!),
    num((k) => w.submissionIds.get(run(k).submission)!),
    num((k) => w.workloadId.get(run(k).workload)!),
    num((k) => run(k).study),
    num((k) => run(k).trial),
    num((k) => d(k).position),
    num((k) => d(k).reached),
    num((k) => d(k).timeSeconds),
    num((k) => d(k).timeFraction),
    num((k) => d(k).steps),
    num((k) => d(k).firstHitIndex),
    num((k) => d(k).bestMetric),
    num((k) => d(k).overBudget),
    text((k) => d(k).contentHash),
    text((k) => run(k).clientRunId ?? null),
    text((k) => d(k).hardware),
    text((k) => d(k).framework),
    text((k) => d(k).codeCommit),
    text((k) => d(k).notes),
    text((k) => json(d(k).hyperparameters)),
    text((k) => json(d(k).provenance)),
  ];
}

/** The eval series of the runs to write, with their ids. */
function withEvals(w: RunWrites): { id: number; e: NonNullable<DerivedRun["evals"]> }[] {
  return w.writes.flatMap((i, k) => (w.derived[i]!.evals ? [{ id: w.ids[k]!, e: w.derived[i]!.evals! }] : []));
}

/** The INSERT of the created and replaced runs (their columns from runColumns; their eval series are in already). */
function insertRuns(roundId: number, uploadId: number, columns: string[]): SqlStatement {
  return {
    sql: `INSERT INTO "Run" (id, "roundId", "uploadId", "submissionId", "workloadId", study, trial, position, reached, "timeSeconds", "timeFraction", steps, "firstHitIndex", "bestMetric", "overBudget",
                        "contentHash", "clientRunId", hardware, framework, "codeCommit", notes, hyperparameters, provenance, "updatedAt")
     SELECT id, $1::int, $2::int, s, w, study, trial, position, reached, ts, tf, steps, fhi, bm, ob, hash, crid, hw, fw, cc, notes, hp::jsonb, pv::jsonb, now()
       FROM unnest($3::text::int[], $4::text::int[], $5::text::int[], $6::text::int[], $7::text::int[], $8::text::int[], $9::text::bool[], $10::text::float8[],
                   $11::text::float8[], $12::text::int[], $13::text::int[], $14::text::float8[], $15::text::bool[], $16::text[], $17::text[], $18::text[],
                   $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])
         AS x(id, s, w, study, trial, position, reached, ts, tf, steps, fhi, bm, ob, hash, crid, hw, fw, cc, notes, hp, pv)`,
    params: [roundId, uploadId, ...columns],
  };
}

/**
 * The INSERTs of the eval series, packed (lib/db/eval-columns.ts; an upload's series arrive as
 * typed arrays over those bytes, lib/ingest/packed-evals.ts), the series of a
 * chunk of runs concatenated into one bytea per column and cut apart by
 * offsets in SQL: node-postgres sends a Buffer as a binary parameter, so
 * PostgreSQL copies bytes instead of parsing ~1M numbers from array text
 * (docs/performance.md).
 */
function evalsInserts(withEvals: { id: number; e: NonNullable<DerivedRun["evals"]> }[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (let c = 0; c < withEvals.length; c += EVALS_CHUNK) {
    const chunk = withEvals.slice(c, c + EVALS_CHUNK);
    const offsets: number[] = [];
    let at = 0;
    for (const { e } of chunk) {
      offsets.push(at);
      at += e.metrics.length;
    }
    // Megabytes of parameters: on the transaction's own connection when it is known (lib/db/tx-connection.ts).
    statements.push({
      sql: `INSERT INTO "RunEvals" ("runId", steps, times, metrics)
       SELECT id, substring($4::bytea FROM o * ${STEP_BYTES} + 1 FOR n * ${STEP_BYTES}), substring($5::bytea FROM o * ${VALUE_BYTES} + 1 FOR n * ${VALUE_BYTES}),
              substring($6::bytea FROM o * ${VALUE_BYTES} + 1 FOR n * ${VALUE_BYTES})
       FROM unnest($1::text::int[], $2::text::int[], $3::text::int[]) AS x(id, o, n)`,
      params: [
        pgArray(chunk.map((x) => x.id)),
        pgArray(offsets),
        pgArray(chunk.map((x) => x.e.metrics.length)),
        Buffer.concat(chunk.map((x) => bytesOf(x.e.steps))),
        Buffer.concat(chunk.map((x) => bytesOf(x.e.times))),
        Buffer.concat(chunk.map((x) => bytesOf(x.e.metrics))),
      ],
    });
  }
  return statements;
}

/**
 * What the round's next version records when the upload changes anything
 * (runs created or replaced, submissions created or updated; docs/history.md);
 * null when it changes nothing, and the round keeps its version.
 */
function versionNote(plan: UploadPlan, token: TokenIdentity, uploadId: number): VersionNote | null {
  const written = plan.statuses.filter((s) => s !== "unchanged").length;
  const touched = [...plan.submissionStatus].filter(([, status]) => status !== "unchanged").map(([slug]) => slug);
  if (written === 0 && touched.length === 0) return null;
  const action = plan.statuses.includes("replaced") ? "replace" : "upload";
  return { action, actor: token.name, target: touched, runs: written, uploadId };
}

/** The verified submissions an upload token's upload changes: they leave the default pool again until an admin looks (docs/trust-model.md). */
function toUnverify(input: Upload, plan: UploadPlan, submissionIds: Map<string, number>, stored: Map<string, StoredSubmissionRow>): StoredSubmissionRow[] {
  const changed = new Set<number>();
  input.runs.forEach((run, i) => (plan.statuses[i] !== "unchanged" ? changed.add(submissionIds.get(run.submission)!) : undefined));
  for (const [slug, status] of plan.submissionStatus) if (status !== "unchanged") changed.add(submissionIds.get(slug)!);
  return [...stored.values()].filter((s) => s.verified && changed.has(s.id));
}

/**
 * Completeness from what is known here: the stored runs (read under the
 * submissions' locks) minus those deleted, plus those written.
 */
function completenessAfter(a: {
  input: Upload;
  round: RoundRow;
  touched: string[];
  submissionIds: Map<string, number>;
  existing: StoredRun[];
  toDelete: Set<number>;
  writes: number[];
}): Completeness[] {
  const workloadKey = new Map(a.round.workloads.map((w) => [w.id, w.key]));
  const present = new Map<number, { workload: string; study: number; trial: number }[]>(a.touched.map((s) => [a.submissionIds.get(s)!, []]));
  for (const r of a.existing)
    if (!a.toDelete.has(r.id)) present.get(r.submissionId)?.push({ workload: workloadKey.get(r.workloadId)!, study: r.study, trial: r.trial });
  for (const i of a.writes) {
    const run = a.input.runs[i]!;
    present.get(a.submissionIds.get(run.submission)!)?.push({ workload: run.workload, study: run.study, trial: run.trial });
  }
  return a.touched.map((slug) => completeness(slug, a.round, present.get(a.submissionIds.get(slug)!)!));
}

function runOutcome(run: Upload["runs"][number], d: DerivedRun, index: number, status: RunStatus, id: number): RunOutcome {
  return {
    index,
    submission: run.submission,
    workload: run.workload,
    study: run.study,
    trial: run.trial,
    clientRunId: run.clientRunId ?? null,
    status,
    id,
    reached: d.reached,
    timeSeconds: d.timeSeconds,
    timeFraction: d.timeFraction,
    steps: d.steps,
    firstHitIndex: d.firstHitIndex,
    overBudget: d.overBudget,
  };
}
