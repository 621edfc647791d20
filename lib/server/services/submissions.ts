// One submission of a round: configuration, provenance, its results on every
// workload across studies and trials, where it stands in the round's default
// pool, and the eval curves of its runs when they were uploaded (RunEvals).
import "server-only";
import type { Db } from "@/lib/db/client";
import { unpackEvals } from "@/lib/db/eval-columns";
import type { RunAttributes, RunOutcome } from "@/lib/ingest/run-outcome";
import { AppError } from "@/lib/server/errors";
import { DESCRIPTION_FIELDS, pickFields, type SubmissionDescription } from "@/lib/submission-fields";
import { roundCatalog, type RoundCatalog, type WorkloadInfo } from "@/lib/server/services/catalog";
import { getLeaderboard, type LeaderboardCell } from "@/lib/server/services/leaderboard";
import { EMPTY_QUERY } from "@/lib/views/query";
import type { ResolvedSettings } from "@/lib/scoring";
import { roundCompleteness, type CompletenessBadge } from "./round-completeness";

export interface RunDetail extends RunOutcome, RunAttributes {
  id: number;
  study: number;
  trial: number;
  hasEvals: boolean;
}

export interface WorkloadResultDetail {
  workload: WorkloadInfo;
  result: { reached: boolean; timeSeconds: number | null; timeFraction: number | null; studies: number; studiesHit: number } | null;
  /** Best trial per study (docs/scoring.md §2.2) as stored with the derived result. */
  perStudy: { study: number; trial: number | null; hitIndex: number | null; seconds: number | null; fraction: number | null }[];
  runs: RunDetail[];
  /** This submission's cell in the context pool (base workloads). */
  cell: LeaderboardCell | null;
}

export interface EvalSeries {
  runId: number;
  workload: string;
  study: number;
  trial: number;
  steps: number[];
  times: number[];
  metrics: number[];
  firstHitIndex: number | null;
}

export interface SubmissionView {
  round: RoundCatalog["round"];
  submission: SubmissionDescription & {
    slug: string;
    hyperparameters: unknown;
    authors: string | null;
    affiliation: string | null;
    framework: string | null;
    source: string;
    importedFrom: string | null;
    uploadedBy: string | null;
    /** In the round's default pool: marked so and verified (docs/trust-model.md). */
    inDefaultPool: boolean;
    /** false: uploaded, not yet verified by an admin. */
    verified: boolean;
    publishedScore: number | null;
    notes: string | null;
    extra: unknown;
    createdAt: string;
    updatedAt: string;
  };
  /** Uploads that wrote runs of this submission, newest first. */
  uploads: { id: number; createdAt: string; tokenName: string | null; runsTotal: number; created: number; replaced: number; unchanged: number }[];
  /** Where it stands: scored in the round's default pool (with itself added when it is not a member). */
  context: { added: boolean; rank: number; poolSize: number; score: number; targetsHit: number; settings: ResolvedSettings } | { error: string } | null;
  workloads: WorkloadResultDetail[];
  evals: EvalSeries[];
  /** Runs found / expected and studies (the badge of an incomplete submission). */
  completeness: CompletenessBadge | null;
}

/** The submission and its round's catalog. @throws AppError NOT_FOUND (listing the round's slugs) for an unknown or hidden one. */
async function visibleSubmission(db: Db, roundSlug: string, slug: string) {
  const catalog = await roundCatalog(db, roundSlug);
  const sub = await findSubmission(db, catalog.round.id, slug);
  if (!sub || sub.hidden) {
    throw new AppError("NOT_FOUND", `unknown submission "${slug}" in round ${roundSlug}; submissions: ${catalog.submissions.map((s) => s.slug).join(", ")}`, [
      { path: "slug", message: `unknown submission "${slug}"` },
    ]);
  }
  return { catalog, sub };
}

/** @throws AppError NOT_FOUND for an unknown round or slug (naming the round's submissions). */
export async function getSubmission(db: Db, roundSlug: string, slug: string): Promise<SubmissionView> {
  const { catalog, sub } = await visibleSubmission(db, roundSlug, slug);
  const { runs, results, evals, uploads } = await submissionRows(db, sub.id);

  const inDefaultPool = sub.inDefaultPool && sub.verified;
  const { context, cells } = await standing(db, roundSlug, slug, inDefaultPool);

  const workloadIdToKey = new Map(
    (await db.workload.findMany({ where: { roundId: catalog.round.id }, select: { id: true, key: true } })).map((w) => [w.id, w.key]),
  );
  const workloads: WorkloadResultDetail[] = catalog.workloads
    .map((w) => {
      const result = results.find((r) => workloadIdToKey.get(r.workloadId) === w.key) ?? null;
      const wRuns = runs.filter((r) => workloadIdToKey.get(r.workloadId) === w.key);
      return {
        workload: w,
        result: result && {
          reached: result.reached,
          timeSeconds: result.timeSeconds,
          timeFraction: result.timeFraction,
          studies: result.studies,
          studiesHit: result.studiesHit,
        },
        perStudy: (result?.perStudy as WorkloadResultDetail["perStudy"] | undefined) ?? [],
        runs: wRuns.map(({ evals: e, workloadId: _w, hyperparameters, provenance, ...r }) => ({
          ...r,
          hyperparameters: hyperparameters as Record<string, unknown> | null,
          provenance: provenance as Record<string, unknown> | null,
          hasEvals: e !== null,
        })),
        cell: cells[w.key] ?? null,
      };
    })
    // Base workloads always; variants only where this submission has results.
    .filter((d) => d.workload.role === "base" || d.result !== null || d.runs.length > 0);

  const completeness = (await roundCompleteness(db, catalog)).get(sub.slug) ?? null;
  return {
    round: catalog.round,
    completeness,
    submission: submissionFields(sub, inDefaultPool),
    uploads: uploads.map((u) => ({
      id: u.id,
      createdAt: u.createdAt.toISOString(),
      tokenName: u.tokenName,
      runsTotal: u.runsTotal,
      created: u.created,
      replaced: u.replaced,
      unchanged: u.unchanged,
    })),
    context,
    workloads,
    evals: evals
      .map((e) => ({
        runId: e.runId,
        workload: e.run.workload.key,
        study: e.run.study,
        trial: e.run.trial,
        ...unpackEvals(e),
        firstHitIndex: e.run.firstHitIndex,
      }))
      .sort((a, b) => a.workload.localeCompare(b.workload) || a.study - b.study || a.trial - b.trial),
  };
}

type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

function findSubmission(db: Db, roundId: number, slug: string) {
  return db.submission.findUnique({ where: { roundId_slug: { roundId, slug } }, include: { uploadedBy: { select: { name: true } } } });
}

function submissionFields(sub: SubmissionRow, inDefaultPool: boolean): SubmissionView["submission"] {
  return {
    slug: sub.slug,
    ...pickFields(sub, DESCRIPTION_FIELDS),
    hyperparameters: sub.hyperparameters,
    authors: sub.authors,
    affiliation: sub.affiliation,
    framework: sub.framework,
    source: sub.source,
    importedFrom: sub.importedFrom,
    uploadedBy: sub.uploadedBy?.name ?? null,
    inDefaultPool,
    verified: sub.verified,
    publishedScore: sub.publishedScore,
    notes: sub.notes,
    extra: sub.extra,
    createdAt: sub.createdAt.toISOString(),
    updatedAt: sub.updatedAt.toISOString(),
  };
}

/** The submission's runs, derived results, eval series and latest uploads, read at once. */
async function submissionRows(db: Db, submissionId: number) {
  const [runs, results, evals, uploads] = await Promise.all([
    db.run.findMany({
      where: { submissionId },
      select: {
        id: true,
        workloadId: true,
        study: true,
        trial: true,
        reached: true,
        timeSeconds: true,
        timeFraction: true,
        steps: true,
        firstHitIndex: true,
        bestMetric: true,
        overBudget: true,
        hardware: true,
        framework: true,
        codeCommit: true,
        hyperparameters: true,
        provenance: true,
        evals: { select: { runId: true } },
      },
      orderBy: [{ study: "asc" }, { position: "asc" }, { trial: "asc" }],
    }),
    db.workloadResult.findMany({ where: { submissionId } }),
    db.runEvals.findMany({
      where: { run: { submissionId } },
      include: { run: { select: { study: true, trial: true, firstHitIndex: true, workload: { select: { key: true } } } } },
    }),
    db.upload.findMany({ where: { runs: { some: { submissionId } } }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);

  return { runs, results, evals, uploads };
}

/** Where the submission stands in the round's default pool (added when not a member), or the reason it cannot be scored. */
async function standing(
  db: Db,
  roundSlug: string,
  slug: string,
  inDefaultPool: boolean,
): Promise<{ context: SubmissionView["context"]; cells: Record<string, LeaderboardCell> }> {
  let context: SubmissionView["context"] = null;
  let cells: Record<string, LeaderboardCell> = {};
  try {
    const lb = await getLeaderboard(db, roundSlug, { ...EMPTY_QUERY, add: inDefaultPool ? [] : [slug] });
    const row = lb.rows.find((r) => r.slug === slug);
    if (row && lb.settings)
      context = { added: !inDefaultPool, rank: row.rank, poolSize: lb.rows.length, score: row.score, targetsHit: row.targetsHit, settings: lb.settings };
    cells = row?.cells ?? {};
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    context = { error: error.message };
  }
  return { context, cells };
}

/** The rounds that have a submission with this slug (slugs are unique per round only). */
export async function roundsWithSubmission(db: Db, slug: string): Promise<{ round: string; roundName: string; displayName: string }[]> {
  const rows = await db.submission.findMany({
    where: { slug, hidden: false },
    select: { displayName: true, round: { select: { slug: true, name: true, position: true } } },
  });
  return rows.sort((a, b) => a.round.position - b.round.position).map((r) => ({ round: r.round.slug, roundName: r.round.name, displayName: r.displayName }));
}

/** Evals per chunk: a few hundred kB of CSV text at a time. */
const EVALS_PER_CHUNK = 5000;

/** A slice of one run's eval series, from eval index `from`. */
export interface EvalSlice {
  workload: string;
  study: number;
  trial: number;
  from: number;
  steps: number[];
  times: number[];
  metrics: number[];
}

/**
 * GET …/submissions/<slug>/evals?format=csv: the eval series of every run
 * with uploaded evals, in slices: one run's series is read at a time, so the
 * response streams whatever was uploaded. The submission is looked up first
 * (an unknown one throws before anything is yielded).
 */
export async function evalSlices(db: Db, roundSlug: string, slug: string): Promise<AsyncIterable<EvalSlice>> {
  const { sub } = await visibleSubmission(db, roundSlug, slug);
  const runs = (
    await db.runEvals.findMany({
      where: { run: { submissionId: sub.id } },
      select: { runId: true, run: { select: { study: true, trial: true, workload: { select: { key: true } } } } },
    })
  )
    .map((e) => ({ runId: e.runId, workload: e.run.workload.key, study: e.run.study, trial: e.run.trial }))
    .sort((a, b) => a.workload.localeCompare(b.workload) || a.study - b.study || a.trial - b.trial);
  return (async function* () {
    for (const r of runs) {
      const packed = await db.runEvals.findUnique({ where: { runId: r.runId }, select: { steps: true, times: true, metrics: true } });
      if (!packed) continue; // replaced meanwhile
      const e = unpackEvals(packed);
      for (let from = 0; from < e.metrics.length; from += EVALS_PER_CHUNK) {
        const to = from + EVALS_PER_CHUNK;
        yield {
          workload: r.workload,
          study: r.study,
          trial: r.trial,
          from,
          steps: e.steps.slice(from, to),
          times: e.times.slice(from, to),
          metrics: e.metrics.slice(from, to),
        };
      }
    }
  })();
}
