// The upload service behind tRPC `ingest.upload` and POST /api/v1/runs: one
// atomic batch of runs for one round. Checks against the round and the stored
// data, derives times (lib/ingest/derive-run.ts), and writes everything in one
// transaction: runs (+ eval series), submissions, WorkloadResult rows
// (refreshResults), Round.dataVersion, the Upload row and the audit entry.
// Any invalid run rejects the whole batch with every problem named by its
// JSON path; a rejected batch writes nothing here (the router records the
// rejection outside the rolled-back transaction).
import { jsonRows, pgArray } from "@/lib/db/bulk";
import type { Db } from "@/lib/db/client";
import { transactionLimits } from "@/lib/db/config";
import { Prisma } from "@/lib/db/generated/prisma/client";
import { completeness, type Completeness } from "@/lib/ingest/completeness";
import { deriveRun, type DerivedRun, type PathIssue } from "@/lib/ingest/derive-run";
import { refreshCells } from "@/lib/ingest/refresh-results";
import { runIdentity, type SubmissionMetadata, type Upload } from "@/lib/ingest/upload-schema";
import { AppError, type AppErrorCode } from "@/lib/server/errors";
import { audit } from "./audit";
import type { TokenIdentity } from "./tokens";

type Tx = Prisma.TransactionClient;

export type RunStatus = "created" | "unchanged" | "replaced";

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
}

/** Eval series per INSERT statement (a 5,000-run batch with 80 evals each is ~10 MB of array text). */
const EVALS_CHUNK = 2_000;

/** Issues are reported in full up to this many; the message quotes the first few. */
const MAX_ISSUES = 200;
const QUOTED_ISSUES = 5;

/** An AppError whose message quotes the first issues, so even a client that only prints the message sees the fields. */
export function issuesError(code: AppErrorCode, what: string, issues: PathIssue[]): AppError {
  const quoted = issues.slice(0, QUOTED_ISSUES).map((i) => `${i.path}: ${i.message}`).join("; ");
  const more = issues.length > QUOTED_ISSUES ? `; and ${issues.length - QUOTED_ISSUES} more` : "";
  const label = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return new AppError(code, `${what}: ${label}: ${quoted}${more}`, issues.slice(0, MAX_ISSUES));
}

// Submission fields an upload may declare, compared with the stored row.
const METADATA_FIELDS = ["displayName", "baseAlgorithm", "family", "baseOptimizer", "horizon", "searchRank", "hyperparameters", "authors", "affiliation", "framework", "notes"] as const;

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

const show = (v: unknown) => (v === null || v === undefined ? "null" : typeof v === "string" ? `"${v}"` : canonical(v));

/** Declared fields (given, not undefined) whose value differs from the stored submission. */
function metadataDiff(declared: SubmissionMetadata, stored: Record<string, unknown>): { field: string; sent: unknown; stored: unknown }[] {
  const out: { field: string; sent: unknown; stored: unknown }[] = [];
  for (const field of METADATA_FIELDS) {
    const sent = declared[field];
    if (sent === undefined) continue;
    if (canonical(sent) !== canonical(stored[field])) out.push({ field, sent, stored: stored[field] ?? null });
  }
  return out;
}

// Stored run fields compared when a re-sent run differs, to say what changed.
const RUN_FIELDS = ["reached", "timeSeconds", "timeFraction", "steps", "firstHitIndex", "bestMetric", "position", "hardware", "framework", "codeCommit", "notes", "hyperparameters", "provenance"] as const;
/** What the checks need of a stored run (the full fields are read only for the runs that conflict). */
type StoredRun = { id: number; submissionId: number; workloadId: number; study: number; trial: number; clientRunId: string | null; contentHash: string };
type StoredRunFields = Record<(typeof RUN_FIELDS)[number], unknown>;

function runDiff(d: DerivedRun, stored: StoredRunFields): string {
  const fields = RUN_FIELDS.filter((f) => canonical(d[f]) !== canonical(stored[f]));
  if (fields.length === 0) return "the eval series differs";
  return fields.map((f) => `${f} ${show(stored[f])} stored, ${show(d[f])} sent`).join(", ");
}

function retryable(error: unknown): boolean {
  // P2002: unique violation (a concurrent upload won a race); P2034: write conflict or deadlock.
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002" || error.code === "P2034";
  return error instanceof Error && /deadlock detected|could not serialize/i.test(error.message);
}

async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

export async function uploadRuns(db: Db, input: Upload, ctx: UploadContext): Promise<UploadResult> {
  const round = await db.round.findUnique({ where: { slug: input.round }, include: { workloads: { orderBy: { position: "asc" } } } });
  if (!round) {
    const rounds = (await db.round.findMany({ select: { slug: true }, orderBy: [{ position: "asc" }, { slug: "asc" }] })).map((r) => r.slug);
    throw issuesError("BAD_REQUEST", "invalid upload", [{ path: "round", message: `unknown round "${input.round}"; rounds: ${rounds.join(", ")}` }]);
  }
  assertRoundOpen(round, ctx.token);
  const workloads = new Map(round.workloads.map((w) => [w.key, w]));
  const workloadKeys = round.workloads.map((w) => w.key).join(", ");

  // 1. Everything that needs only the round: workloads, derived times.
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
          message: "missing: the best trial of a study is chosen by first-hit eval index (docs/scoring.md §2.2); without it the smallest time is used for this study",
        });
      }
    });
  }

  // 2. Everything that needs the stored data, in one transaction.
  return withRetry(() =>
    // Time limits from the environment (lib/db/config.ts): large batches and queues of concurrent uploads.
    db.$transaction((tx) => writeUpload(tx, input, ctx, round, derived, warnings), transactionLimits()),
  );
}

/**
 * A published round is a closed record (docs/trust-model.md): an upload token
 * cannot add to it, so no upload can change the published leaderboards.
 */
function assertRoundOpen(round: { slug: string; published: boolean }, token: TokenIdentity): void {
  if (!round.published || token.scope === "admin") return;
  const message = `round "${round.slug}" holds published results and is closed to upload tokens: only an admin token may upload into it; upload into a round open to uploads (e.g. algoperf-v0.6-self-tuning)`;
  throw new AppError("FORBIDDEN", message, [{ path: "round", message: "published round: admin token required" }]);
}

type RoundRow = NonNullable<Awaited<ReturnType<Db["round"]["findUnique"]>>> & { workloads: { id: number; key: string; role: string }[] };

async function writeUpload(tx: Tx, input: Upload, ctx: UploadContext, round: RoundRow, derived: DerivedRun[], pureWarnings: PathIssue[]): Promise<UploadResult> {
  const warnings = [...pureWarnings];
  const workloadId = new Map(round.workloads.map((w) => [w.key, w.id]));
  const workloadKey = new Map(round.workloads.map((w) => [w.id, w.key]));
  const declared = new Map((input.submissions ?? []).map((s, i) => [s.slug, { s, i }]));
  const slugs = [...new Set([...input.runs.map((r) => r.submission), ...declared.keys()])].sort();

  // Uploads touching the same submission queue here, so the read-compare-write
  // below never races; locks are taken in slug order, so two uploads cannot
  // deadlock. The unique constraints on Run and Submission stay the backstop
  // (a violation is retried by withRetry and then finds the row).
  // One statement takes them all, in that order (the function runs on the rows
  // as the sorted subquery yields them).
  await tx.$queryRawUnsafe(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))::int AS n FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys`,
    slugs.map((slug) => `submission:${round.id}:${slug}`),
  );

  const stored = new Map((await tx.submission.findMany({ where: { roundId: round.id, slug: { in: slugs } } })).map((s) => [s.slug, s]));
  const badRequest: PathIssue[] = [];
  const forbidden: PathIssue[] = [];
  const conflicts: PathIssue[] = [];
  const admin = ctx.token.scope === "admin";
  const canWrite = (s: { source: string; uploadedById: number | null }) => admin || (s.source === "uploaded" && s.uploadedById === ctx.token.id);
  const whyNot = (s: { slug: string; source: string }) =>
    s.source === "uploaded" ? `submission "${s.slug}" was created by another token; only that token or an admin token can change it` : `submission "${s.slug}" is ${s.source} data; only an admin token can change it`;

  const firstRunOf = new Map<string, number>();
  input.runs.forEach((r, i) => (firstRunOf.has(r.submission) ? undefined : firstRunOf.set(r.submission, i)));
  const submissionStatus = new Map<string, "created" | "updated" | "unchanged">();
  const metadataUpdates = new Map<string, Record<string, unknown>>();
  for (const slug of slugs) {
    const sub = stored.get(slug);
    const decl = declared.get(slug);
    if (!sub) {
      if (decl) submissionStatus.set(slug, "created");
      else {
        badRequest.push({
          path: `runs.${firstRunOf.get(slug)}.submission`,
          message: `submission "${slug}" does not exist in round "${round.slug}": declare it in "submissions" (at least {"slug": "${slug}"}) to create it`,
        });
      }
      continue;
    }
    submissionStatus.set(slug, "unchanged");
    if (sub.hidden) warnings.push({ path: decl ? `submissions.${decl.i}` : `runs.${firstRunOf.get(slug)}.submission`, message: `submission "${slug}" is hidden by an admin; its runs are stored but not shown` });
    if (!decl) continue;
    const diff = metadataDiff(decl.s, sub as unknown as Record<string, unknown>);
    if (diff.length === 0) continue;
    const at = (f: string) => `submissions.${decl.i}.${f}`;
    if (!input.replace) {
      for (const d of diff) conflicts.push({ path: at(d.field), message: `${show(d.sent)} differs from the stored ${show(d.stored)}; send the stored value, leave the field out, or send replace: true to change it` });
    } else if (!canWrite(sub)) {
      forbidden.push({ path: at(diff[0]!.field), message: whyNot(sub) });
    } else {
      metadataUpdates.set(slug, Object.fromEntries(diff.map((d) => [d.field, d.field === "hyperparameters" ? (d.sent ?? Prisma.DbNull) : d.sent])));
      submissionStatus.set(slug, "updated");
    }
  }

  // Runs: stored by identity and by client run id.
  const existingIds = [...stored.values()].map((s) => s.id);
  const existing = existingIds.length
    ? await jsonRows<StoredRun>(tx, `SELECT id, "submissionId", "workloadId", study, trial, "clientRunId", "contentHash" FROM "Run" WHERE "submissionId" = ANY($1::text::int[])`, pgArray(existingIds))
    : [];
  const idKey = (submissionId: number, wId: number, study: number, trial: number) => `${submissionId}:${wId}:${study}:${trial}`;
  const byIdentity = new Map(existing.map((r) => [idKey(r.submissionId, r.workloadId, r.study, r.trial), r]));
  const byClientId = new Map(existing.filter((r) => r.clientRunId !== null).map((r) => [`${r.submissionId}:${r.clientRunId}`, r]));

  const statuses: (RunStatus | null)[] = [];
  const toDelete = new Set<number>();
  /** Conflicts of content: their message says which fields differ, once the stored fields are read (below). */
  const differs: { issue: PathIssue; i: number; storedId: number }[] = [];
  const outcomeIds: (number | null)[] = [];
  input.runs.forEach((run, i) => {
    const d = derived[i]!;
    const sub = stored.get(run.submission);
    statuses[i] = null;
    outcomeIds[i] = null;
    if (!sub) {
      statuses[i] = "created";
      return;
    }
    const wId = workloadId.get(run.workload)!;
    const sameIdentity = byIdentity.get(idKey(sub.id, wId, run.study, run.trial));
    const sameClientId = run.clientRunId != null ? byClientId.get(`${sub.id}:${run.clientRunId}`) : undefined;
    const others = [sameIdentity, sameClientId].filter((r): r is StoredRun => r !== undefined);
    if (others.length === 0) {
      if (canWrite(sub)) statuses[i] = "created";
      else forbidden.push({ path: `runs.${i}.submission`, message: whyNot(sub) });
      return;
    }
    let problem: string | null = null;
    let differsFrom: StoredRun | null = null;
    if (sameClientId && sameClientId !== sameIdentity) {
      problem = `clientRunId "${run.clientRunId}" already names another run (${runIdentity({ submission: sub.slug, workload: workloadKey.get(sameClientId.workloadId)!, study: sameClientId.study, trial: sameClientId.trial })})`;
    } else if (sameIdentity && run.clientRunId != null && sameIdentity.clientRunId !== run.clientRunId) {
      problem = `${runIdentity(run)} is stored with clientRunId ${show(sameIdentity.clientRunId)}, not "${run.clientRunId}"`;
    } else if (sameIdentity && sameIdentity.contentHash !== d.contentHash) {
      problem = `${runIdentity(run)} differs from the stored run`;
      differsFrom = sameIdentity;
    }
    if (problem === null) {
      statuses[i] = "unchanged";
      outcomeIds[i] = sameIdentity!.id;
    } else if (!input.replace) {
      const issue = { path: `runs.${i}`, message: `${problem}; send replace: true to replace it` };
      conflicts.push(issue);
      if (differsFrom) differs.push({ issue, i, storedId: differsFrom.id });
    } else if (!canWrite(sub)) {
      forbidden.push({ path: `runs.${i}`, message: whyNot(sub) });
    } else {
      statuses[i] = "replaced";
      for (const r of others) toDelete.add(r.id);
    }
  });
  if (differs.length) {
    const rows = await tx.run.findMany({ where: { id: { in: differs.map((x) => x.storedId) } }, select: { id: true, ...Object.fromEntries(RUN_FIELDS.map((f) => [f, true])) } });
    const fields = new Map(rows.map((r) => [r.id, r as unknown as StoredRunFields]));
    for (const { issue, i, storedId } of differs) {
      issue.message = `${runIdentity(input.runs[i]!)} differs from the stored run: ${runDiff(derived[i]!, fields.get(storedId)!)}; send replace: true to replace it`;
    }
  }
  if (badRequest.length) throw issuesError("BAD_REQUEST", "invalid upload", badRequest);
  if (forbidden.length) throw issuesError("FORBIDDEN", `token "${ctx.token.name}" may not write these runs`, forbidden);
  if (conflicts.length) throw issuesError("CONFLICT", "upload conflicts with stored data", conflicts);

  // 3. Writes.
  const upload = await tx.upload.create({
    data: { tokenId: ctx.token.id, tokenName: ctx.token.name, roundId: round.id, payloadHash: ctx.payloadHash, outcome: "accepted", status: 200, runsTotal: input.runs.length, ip: ctx.ip },
  });
  const submissionIds = new Map([...stored.values()].map((s) => [s.slug, s.id]));
  const newSubmissions = [...submissionStatus].filter(([, status]) => status === "created").map(([slug]) => declared.get(slug)!.s);
  if (newSubmissions.length) {
    const rows = await tx.submission.createManyAndReturn({
      data: newSubmissions.map((s) => ({
        roundId: round.id,
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
        uploadedById: ctx.token.id,
        // An admin's upload is its own verification; anything else waits for one (docs/trust-model.md).
        verified: admin,
      })),
      select: { id: true, slug: true },
    });
    for (const row of rows) submissionIds.set(row.slug, row.id);
  }
  for (const [slug, status] of submissionStatus) {
    if (status === "updated") await tx.submission.update({ where: { id: stored.get(slug)!.id }, data: metadataUpdates.get(slug)! });
  }

  // The cells whose derived results change: those of every run deleted or written.
  const cells: { submissionId: number; workloadId: number }[] = [];
  const deleted = existing.filter((r) => toDelete.has(r.id));
  for (const r of deleted) cells.push({ submissionId: r.submissionId, workloadId: r.workloadId });
  if (toDelete.size) await tx.$executeRawUnsafe(`DELETE FROM "Run" WHERE id = ANY($1::text::int[])`, pgArray([...toDelete]));

  const writes = input.runs.flatMap((run, i) => (statuses[i] === "created" || statuses[i] === "replaced" ? [i] : []));
  if (writes.length) {
    // Ids first (from the table's own sequence), so runs and eval series go in
    // with two statements and nothing has to come back.
    const [{ ids }] = await tx.$queryRawUnsafe<[{ ids: string }]>(
      `SELECT array_to_string(ARRAY(SELECT nextval('"Run_id_seq"'::regclass) FROM generate_series(1, $1::int)), ',') AS ids`,
      writes.length,
    );
    const newIds = ids.split(",").map(Number);
    writes.forEach((i, k) => (outcomeIds[i] = newIds[k]!));
    const rows = writes.map((i) => ({ run: input.runs[i]!, d: derived[i]! }));
    for (const { run } of rows) cells.push({ submissionId: submissionIds.get(run.submission)!, workloadId: workloadId.get(run.workload)! });
    const column = <T,>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await tx.$executeRawUnsafe(
      `INSERT INTO "Run" (id, "roundId", "uploadId", "submissionId", "workloadId", study, trial, position, reached, "timeSeconds", "timeFraction", steps, "firstHitIndex", "bestMetric", "overBudget",
                          "contentHash", "clientRunId", hardware, framework, "codeCommit", notes, hyperparameters, provenance, "updatedAt")
       SELECT id, $1::int, $2::int, s, w, study, trial, position, reached, ts, tf, steps, fhi, bm, ob, hash, crid, hw, fw, cc, notes, hp::jsonb, pv::jsonb, now()
         FROM unnest($3::text::int[], $4::text::int[], $5::text::int[], $6::text::int[], $7::text::int[], $8::text::int[], $9::text::bool[], $10::text::float8[], $11::text::float8[],
                     $12::text::int[], $13::text::int[], $14::text::float8[], $15::text::bool[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[])
           AS x(id, s, w, study, trial, position, reached, ts, tf, steps, fhi, bm, ob, hash, crid, hw, fw, cc, notes, hp, pv)`,
      round.id,
      upload.id,
      pgArray(newIds),
      pgArray(column((r) => submissionIds.get(r.run.submission)!)),
      pgArray(column((r) => workloadId.get(r.run.workload)!)),
      pgArray(column((r) => r.run.study)),
      pgArray(column((r) => r.run.trial)),
      pgArray(column((r) => r.d.position)),
      pgArray(column((r) => r.d.reached)),
      pgArray(column((r) => r.d.timeSeconds)),
      pgArray(column((r) => r.d.timeFraction)),
      pgArray(column((r) => r.d.steps)),
      pgArray(column((r) => r.d.firstHitIndex)),
      pgArray(column((r) => r.d.bestMetric)),
      pgArray(column((r) => r.d.overBudget)),
      column((r) => r.d.contentHash),
      column((r) => r.run.clientRunId ?? null),
      column((r) => r.d.hardware),
      column((r) => r.d.framework),
      column((r) => r.d.codeCommit),
      column((r) => r.d.notes),
      column((r) => (r.d.hyperparameters ? JSON.stringify(r.d.hyperparameters) : null)),
      column((r) => (r.d.provenance ? JSON.stringify(r.d.provenance) : null)),
    );
    // Eval series as array literals, which keep every double exact (Prisma 7.10
    // rounds the elements of a bare Float[] value to 16 significant digits,
    // 3845.9997606277466 -> 3845.999760627747) and NaN as NaN (lib/db/bulk.ts).
    const withEvals = writes.flatMap((i, k) => (derived[i]!.evals ? [{ id: newIds[k]!, e: derived[i]!.evals! }] : []));
    for (let c = 0; c < withEvals.length; c += EVALS_CHUNK) {
      const chunk = withEvals.slice(c, c + EVALS_CHUNK);
      await tx.$executeRawUnsafe(
        `INSERT INTO "RunEvals" ("runId", steps, times, metrics)
         SELECT id, steps::int[], times::float8[], metrics::float8[] FROM unnest($1::text::int[], $2::text[], $3::text[], $4::text[]) AS x(id, steps, times, metrics)`,
        pgArray(chunk.map((x) => x.id)),
        chunk.map((x) => pgArray(x.e.steps)),
        chunk.map((x) => pgArray(x.e.times)),
        chunk.map((x) => pgArray(x.e.metrics)),
      );
    }
  }

  const changed = new Set<number>();
  input.runs.forEach((run, i) => (statuses[i] !== "unchanged" ? changed.add(submissionIds.get(run.submission)!) : undefined));
  for (const [slug, status] of submissionStatus) if (status !== "unchanged") changed.add(submissionIds.get(slug)!);
  // A change by an upload token takes a verified submission out of the default pool again until an admin looks at it.
  const unverified = admin ? [] : [...stored.values()].filter((s) => s.verified && changed.has(s.id));
  if (unverified.length) await tx.submission.updateMany({ where: { id: { in: unverified.map((s) => s.id) } }, data: { verified: false } });
  const verifiedNow = (slug: string) => (stored.has(slug) ? stored.get(slug)!.verified && !unverified.some((s) => s.slug === slug) : admin);
  let dataVersion = round.dataVersion;
  if (changed.size > 0) {
    // Scores change only through runs and pool membership: refresh the derived
    // cells the upload touched and move the cache key (Round.dataVersion) in
    // this same transaction.
    await refreshCells(tx, cells);
    dataVersion = (await tx.round.update({ where: { id: round.id }, data: { dataVersion: { increment: 1 } }, select: { dataVersion: true } })).dataVersion;
  }

  const counts = { runs: input.runs.length, created: 0, unchanged: 0, replaced: 0 };
  for (const s of statuses) counts[s!]++;

  // Completeness from what is known here: the stored runs (read under the
  // submissions' locks) minus those deleted, plus those written.
  const touched = slugs.filter((s) => submissionIds.has(s));
  const present = new Map<number, { workload: string; study: number; trial: number }[]>(touched.map((s) => [submissionIds.get(s)!, []]));
  for (const r of existing) if (!toDelete.has(r.id)) present.get(r.submissionId)?.push({ workload: workloadKey.get(r.workloadId)!, study: r.study, trial: r.trial });
  for (const i of writes) {
    const run = input.runs[i]!;
    present.get(submissionIds.get(run.submission)!)?.push({ workload: run.workload, study: run.study, trial: run.trial });
  }
  const report = touched.map((slug) => completeness(slug, round, present.get(submissionIds.get(slug)!)!));

  await tx.upload.update({ where: { id: upload.id }, data: { created: counts.created, unchanged: counts.unchanged, replaced: counts.replaced, durationMs: Date.now() - ctx.startedAt } });
  await audit(tx, {
    tokenName: ctx.token.name,
    action: "ingest.upload",
    target: `${round.slug}: ${touched.join(", ")}`,
    outcome: "ok",
    details: { uploadId: upload.id, ...counts, replace: input.replace },
  });

  return {
    uploadId: upload.id,
    round: round.slug,
    dataVersion,
    counts,
    submissions: [...submissionStatus].map(([slug, status]) => ({ slug, status, hidden: stored.get(slug)?.hidden ?? false, verified: verifiedNow(slug) })),
    runs: input.runs.map((run, i) => {
      const d = derived[i]!;
      return {
        index: i,
        submission: run.submission,
        workload: run.workload,
        study: run.study,
        trial: run.trial,
        clientRunId: run.clientRunId ?? null,
        status: statuses[i]!,
        id: outcomeIds[i]!,
        reached: d.reached,
        timeSeconds: d.timeSeconds,
        timeFraction: d.timeFraction,
        steps: d.steps,
        firstHitIndex: d.firstHitIndex,
        overBudget: d.overBudget,
      };
    }),
    warnings: warnings.slice(0, MAX_ISSUES),
    completeness: report,
  };
}

/** What an uploader needs to know about a round: its workloads, metrics, targets and budgets. */
export async function roundSpec(db: Db, slug: string) {
  const round = await db.round.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      benchmarkVersion: true,
      ruleset: true,
      timeBasis: true,
      budgetFactor: true,
      studiesExpected: true,
      trialsExpected: true,
      workloads: {
        orderBy: { position: "asc" },
        select: { key: true, role: true, baseKey: true, metricName: true, direction: true, target: true, budgetSeconds: true, budgetSteps: true },
      },
    },
  });
  if (!round) {
    const rounds = (await db.round.findMany({ select: { slug: true }, orderBy: [{ position: "asc" }, { slug: "asc" }] })).map((r) => r.slug);
    throw new AppError("NOT_FOUND", `unknown round "${slug}"; rounds: ${rounds.join(", ")}`, [{ path: "round", message: `unknown round "${slug}"` }]);
  }
  return round;
}
