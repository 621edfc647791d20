// One submission of a round: configuration, provenance, its results on every
// workload across studies and trials, where it stands in the round's default
// pool, and the eval curves of its runs when they were uploaded (RunEvals).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors";
import { roundCatalog, type RoundCatalog, type WorkloadInfo } from "@/lib/server/services/catalog";
import { getLeaderboard, type LeaderboardCell } from "@/lib/server/services/leaderboard";
import type { CsvValue } from "@/lib/views/csv";
import { EMPTY_QUERY } from "@/lib/views/query";
import type { ResolvedSettings } from "@/lib/scoring";
import { roundCompleteness, type CompletenessBadge } from "./round-completeness";

export interface RunDetail {
  id: number;
  study: number;
  trial: number;
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  steps: number | null;
  firstHitIndex: number | null;
  bestMetric: number | null;
  overBudget: boolean;
  hardware: string | null;
  framework: string | null;
  codeCommit: string | null;
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
  submission: {
    slug: string;
    displayName: string;
    baseAlgorithm: string | null;
    family: string | null;
    baseOptimizer: string | null;
    horizon: number | null;
    searchRank: number | null;
    hyperparameters: unknown;
    authors: string | null;
    affiliation: string | null;
    framework: string | null;
    source: string;
    importedFrom: string | null;
    uploadedBy: string | null;
    inDefaultPool: boolean;
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

/**
 * @throws AppError NOT_FOUND for an unknown round or slug (naming the round's submissions).
 */
export async function getSubmission(db: Db, roundSlug: string, slug: string): Promise<SubmissionView> {
  const catalog = await roundCatalog(db, roundSlug);
  const sub = await db.submission.findUnique({
    where: { roundId_slug: { roundId: catalog.round.id, slug } },
    include: { uploadedBy: { select: { name: true } } },
  });
  if (!sub || sub.hidden) {
    throw new AppError("NOT_FOUND", `unknown submission "${slug}" in round ${roundSlug}; submissions: ${catalog.submissions.map((s) => s.slug).join(", ")}`, [{ path: "slug", message: `unknown submission "${slug}"` }]);
  }
  const [runs, results, evals, uploads] = await Promise.all([
    db.run.findMany({
      where: { submissionId: sub.id },
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
        evals: { select: { runId: true } },
      },
      orderBy: [{ study: "asc" }, { position: "asc" }, { trial: "asc" }],
    }),
    db.workloadResult.findMany({ where: { submissionId: sub.id } }),
    db.runEvals.findMany({ where: { run: { submissionId: sub.id } }, include: { run: { select: { study: true, trial: true, firstHitIndex: true, workload: { select: { key: true } } } } } }),
    db.upload.findMany({ where: { runs: { some: { submissionId: sub.id } } }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);

  let context: SubmissionView["context"] = null;
  let cells: Record<string, LeaderboardCell> = {};
  try {
    const lb = await getLeaderboard(db, roundSlug, { ...EMPTY_QUERY, add: sub.inDefaultPool ? [] : [slug] });
    const row = lb.rows.find((r) => r.slug === slug);
    if (row && lb.settings) context = { added: !sub.inDefaultPool, rank: row.rank, poolSize: lb.rows.length, score: row.score, targetsHit: row.targetsHit, settings: lb.settings };
    cells = row?.cells ?? {};
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    context = { error: error.message };
  }

  const workloadIdToKey = new Map((await db.workload.findMany({ where: { roundId: catalog.round.id }, select: { id: true, key: true } })).map((w) => [w.id, w.key]));
  const workloads: WorkloadResultDetail[] = catalog.workloads
    .map((w) => {
      const result = results.find((r) => workloadIdToKey.get(r.workloadId) === w.key) ?? null;
      const wRuns = runs.filter((r) => workloadIdToKey.get(r.workloadId) === w.key);
      return {
        workload: w,
        result: result && { reached: result.reached, timeSeconds: result.timeSeconds, timeFraction: result.timeFraction, studies: result.studies, studiesHit: result.studiesHit },
        perStudy: (result?.perStudy as WorkloadResultDetail["perStudy"] | undefined) ?? [],
        runs: wRuns.map(({ evals: e, workloadId: _w, ...r }) => ({ ...r, hasEvals: e !== null })),
        cell: cells[w.key] ?? null,
      };
    })
    // Base workloads always; variants only where this submission has results.
    .filter((d) => d.workload.role === "base" || d.result !== null || d.runs.length > 0);

  const completeness = (await roundCompleteness(db, catalog)).get(sub.slug) ?? null;
  return {
    round: catalog.round,
    completeness,
    submission: {
      slug: sub.slug,
      displayName: sub.displayName,
      baseAlgorithm: sub.baseAlgorithm,
      family: sub.family,
      baseOptimizer: sub.baseOptimizer,
      horizon: sub.horizon,
      searchRank: sub.searchRank,
      hyperparameters: sub.hyperparameters,
      authors: sub.authors,
      affiliation: sub.affiliation,
      framework: sub.framework,
      source: sub.source,
      importedFrom: sub.importedFrom,
      uploadedBy: sub.uploadedBy?.name ?? null,
      inDefaultPool: sub.inDefaultPool,
      publishedScore: sub.publishedScore,
      notes: sub.notes,
      extra: sub.extra,
      createdAt: sub.createdAt.toISOString(),
      updatedAt: sub.updatedAt.toISOString(),
    },
    uploads: uploads.map((u) => ({ id: u.id, createdAt: u.createdAt.toISOString(), tokenName: u.tokenName, runsTotal: u.runsTotal, created: u.created, replaced: u.replaced, unchanged: u.unchanged })),
    context,
    workloads,
    evals: evals
      .map((e) => ({ runId: e.runId, workload: e.run.workload.key, study: e.run.study, trial: e.run.trial, steps: e.steps, times: e.times, metrics: e.metrics, firstHitIndex: e.run.firstHitIndex }))
      .sort((a, b) => a.workload.localeCompare(b.workload) || a.study - b.study || a.trial - b.trial),
  };
}

/** The rounds that have a submission with this slug (slugs are unique per round only). */
export async function roundsWithSubmission(db: Db, slug: string): Promise<{ round: string; roundName: string; displayName: string }[]> {
  const rows = await db.submission.findMany({
    where: { slug, hidden: false },
    select: { displayName: true, round: { select: { slug: true, name: true, position: true } } },
  });
  return rows.sort((a, b) => a.round.position - b.round.position).map((r) => ({ round: r.round.slug, roundName: r.round.name, displayName: r.displayName }));
}

/** GET …/submissions/<slug>?format=csv: one row per run (submission × workload × study × trial). */
export function submissionCsv(v: SubmissionView): { header: string[]; rows: CsvValue[][] } {
  const header = ["workload", "role", "study", "trial", "reached", "time_seconds", "time_fraction", "steps", "first_hit_index", "best_metric", "over_budget", "hardware", "framework", "code_commit", "has_evals"];
  const rows = v.workloads.flatMap((w) =>
    w.runs.map((r) => [w.workload.key, w.workload.role, r.study, r.trial, r.reached, r.timeSeconds, r.timeFraction, r.steps, r.firstHitIndex, r.bestMetric, r.overBudget, r.hardware, r.framework, r.codeCommit, r.hasEvals]),
  );
  return { header, rows };
}

/** GET …/submissions/<slug>/evals?format=csv: one row per evaluation of every run with uploaded evals. */
export function evalsCsv(v: SubmissionView): { header: string[]; rows: CsvValue[][] } {
  const header = ["workload", "study", "trial", "eval_index", "step", "time_seconds", "metric"];
  const rows = v.evals.flatMap((e) => e.metrics.map((m, i) => [e.workload, e.study, e.trial, i, e.steps[i] ?? null, e.times[i] ?? null, m]));
  return { header, rows };
}
