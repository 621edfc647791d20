// Per-workload views: the workloads of a round, and for one workload the
// results of every pool member (time to target on both bases, steps, ratio
// to the best, best metric against the target, status, and the best trial of
// each study). The pool and its scoring come from getLeaderboard, so the
// ratios equal the leaderboard's cells for the same view.
import "server-only";
import type { Db } from "@/lib/db/client";
import { numpyMedian, type CellStatus } from "@/lib/scoring";
import { AppError } from "@/lib/server/errors";
import { roundCatalog, type RoundCatalog, type WorkloadInfo } from "@/lib/server/services/catalog";
import { getLeaderboard, type Leaderboard } from "@/lib/server/services/leaderboard";
import type { ViewQuery } from "@/lib/views/query";

export interface WorkloadSummary extends WorkloadInfo {
  /** Held-out and other variants of this base workload. */
  variants: WorkloadInfo[];
  /** Visible submissions with a result on this workload, and how many reached the target. */
  submissions: number;
  reached: number;
}

export async function listWorkloads(db: Db, roundSlug: string): Promise<{ round: RoundCatalog["round"]; workloads: WorkloadSummary[] }> {
  const catalog = await roundCatalog(db, roundSlug);
  const counts = await db.workloadResult.groupBy({
    by: ["workloadId", "reached"],
    where: { roundId: catalog.round.id, submission: { hidden: false } },
    _count: { _all: true },
  });
  const ids = await db.workload.findMany({ where: { roundId: catalog.round.id }, select: { id: true, key: true } });
  const keyOf = new Map(ids.map((w) => [w.id, w.key]));
  const tally = new Map<string, { submissions: number; reached: number }>();
  for (const c of counts) {
    const key = keyOf.get(c.workloadId)!;
    const t = tally.get(key) ?? { submissions: 0, reached: 0 };
    t.submissions += c._count._all;
    if (c.reached) t.reached += c._count._all;
    tally.set(key, t);
  }
  const bases = catalog.workloads.filter((w) => w.role === "base");
  return {
    round: catalog.round,
    workloads: bases.map((w) => ({
      ...w,
      variants: catalog.workloads.filter((v) => v.role !== "base" && v.baseKey === w.key),
      submissions: tally.get(w.key)?.submissions ?? 0,
      reached: tally.get(w.key)?.reached ?? 0,
    })),
  };
}

export interface StudyDetail {
  study: number;
  /** The best trial of the study (docs/scoring.md §2.2), null when no trial reached the target. */
  trial: number | null;
  hitIndex: number | null;
  seconds: number | null;
  fraction: number | null;
  steps: number | null;
  /** Best validation metric of the best trial (or of the study's trials when none hit). */
  bestMetric: number | null;
  trials: number;
  trialsHit: number;
}

export interface WorkloadRow {
  /** Position by this workload's time (counted cells first, then misses by reason). */
  position: number;
  key: string;
  slug: string;
  displayName: string;
  /** Rank and score in the whole pool (leaderboard). */
  rank: number;
  score: number;
  status: CellStatus | null;
  variant?: string;
  variantName?: string;
  /** Time on the round's basis, as scored (before the §3 rules). */
  time: number;
  timeSeconds: number | null;
  timeFraction: number | null;
  /** Median over studies of the best trial's steps (like the time, docs/scoring.md §2.3). */
  steps: number | null;
  /** Ratio to the pool's best (base workloads only). */
  ratio: number | null;
  bestMetric: number | null;
  targetMet: boolean | null;
  studies: number;
  studiesHit: number;
  perStudy: StudyDetail[];
  /** For a base workload with a held-out variant: the variant's time on the round's basis (+inf not reached, NaN no data). */
  heldOutTime: number | null;
}

export interface WorkloadTable {
  round: RoundCatalog["round"];
  workload: WorkloadInfo;
  /** The base workload of a variant page. */
  base: WorkloadInfo | null;
  /** The held-out variant of a base workload (docs/scoring.md §3), if the round has one. */
  heldOut: WorkloadInfo | null;
  /** Other workloads of the round, for navigation. */
  siblings: WorkloadInfo[];
  leaderboard: Pick<Leaderboard, "settings" | "query" | "facets" | "candidates" | "pool">;
  /** The pool's best time on this workload after the §3 rules (base workloads). */
  best: number | null;
  rows: WorkloadRow[];
}

const MISS_ORDER: Record<CellStatus, number> = { hit: 0, over_4x: 1, variant_failed: 2, not_reached: 3, no_data: 4 };

const better = (direction: "min" | "max", a: number | null, b: number | null) => {
  if (a === null || Number.isNaN(a)) return b;
  if (b === null || Number.isNaN(b)) return a;
  return direction === "min" ? Math.min(a, b) : Math.max(a, b);
};

interface StudyBestJson {
  study: number;
  trial: number | null;
  hitIndex: number | null;
  seconds: number | null;
  fraction: number | null;
}

/**
 * @throws AppError NOT_FOUND for an unknown round or workload (listing the
 *   round's workloads), and whatever getLeaderboard throws for the view.
 */
export async function getWorkloadTable(db: Db, roundSlug: string, key: string, query: ViewQuery): Promise<WorkloadTable> {
  let catalog = await roundCatalog(db, roundSlug);
  const workload = catalog.workloads.find((w) => w.key === key);
  if (!workload) {
    throw new AppError("NOT_FOUND", `unknown workload "${key}" in round ${roundSlug}; workloads: ${catalog.workloads.map((w) => w.key).join(", ")}`, [
      { path: "workload", message: `unknown workload "${key}"` },
    ]);
  }
  const lb = await getLeaderboard(db, roundSlug, query);
  // An upload between the two reads may have added a submission the leaderboard
  // already has: the catalog read after it has it too (it is at least as new).
  if (lb.rows.some((r) => !catalog.submissions.some((s) => s.slug === r.slug))) catalog = await roundCatalog(db, roundSlug);
  const isBase = workload.role === "base";
  const heldOut = isBase ? (catalog.workloads.find((w) => w.role === "held_out" && w.baseKey === key) ?? null) : null;
  const base = isBase ? null : (catalog.workloads.find((w) => w.key === workload.baseKey) ?? null);
  const idOf = new Map(catalog.submissions.map((s) => [s.slug, s.id]));
  // A submission deleted in between is left out rather than failing the page.
  const lbRows = lb.rows.filter((r) => idOf.has(r.slug));
  const ids = lbRows.map((r) => idOf.get(r.slug)!);

  const { runsOf, perStudyOf } = await workloadRuns(db, ids, catalog.round.id, key);
  const cx: RowContext = { lb, key, workload, isBase, heldOut, basis: catalog.round.timeBasis, runsOf, perStudyOf };
  const rows = lbRows.map((r) => workloadRow(cx, r, idOf.get(r.slug)!));

  const order = (r: Omit<WorkloadRow, "position">) => (r.status === null ? (Number.isFinite(r.time) ? 0 : 3) : MISS_ORDER[r.status]);
  const sorted = [...rows].sort((a, b) => order(a) - order(b) || (order(a) === 0 ? a.time - b.time : 0) || a.rank - b.rank);
  return {
    round: catalog.round,
    workload,
    base,
    heldOut,
    siblings: catalog.workloads,
    leaderboard: { settings: lb.settings, query: lb.query, facets: lb.facets, candidates: lb.candidates, pool: lb.pool },
    best: isBase ? (lb.best[key] ?? null) : null,
    rows: sorted.map((r, i) => ({ ...r, position: i + 1 })),
  };
}

type Catalog = Awaited<ReturnType<typeof roundCatalog>>;
type WorkloadRuns = Awaited<ReturnType<typeof workloadRuns>>;

/** This workload's runs and per-study results of the given submissions. */
async function workloadRuns(db: Db, ids: number[], roundId: number, key: string) {
  const [runs, results] = await Promise.all([
    db.run.findMany({
      where: { submissionId: { in: ids }, workload: { roundId, key } },
      select: { submissionId: true, study: true, trial: true, reached: true, steps: true, bestMetric: true },
      orderBy: [{ submissionId: "asc" }, { study: "asc" }, { position: "asc" }],
    }),
    db.workloadResult.findMany({
      where: { submissionId: { in: ids }, workload: { roundId, key } },
      select: { submissionId: true, perStudy: true },
    }),
  ]);
  const runsOf = new Map<number, typeof runs>();
  for (const r of runs) runsOf.set(r.submissionId, [...(runsOf.get(r.submissionId) ?? []), r]);
  const perStudyOf = new Map(results.map((r) => [r.submissionId, r.perStudy as unknown as StudyBestJson[]]));

  return { runsOf, perStudyOf };
}

interface RowContext {
  lb: Leaderboard;
  key: string;
  workload: Catalog["workloads"][number];
  isBase: boolean;
  heldOut: Catalog["workloads"][number] | null;
  basis: Catalog["round"]["timeBasis"];
  runsOf: WorkloadRuns["runsOf"];
  perStudyOf: WorkloadRuns["perStudyOf"];
}

/** One pool member's row of the workload table (without its position). */
function workloadRow(cx: RowContext, r: Leaderboard["rows"][number], id: number): Omit<WorkloadRow, "position"> {
  const { lb, key, workload, isBase, heldOut, basis, runsOf, perStudyOf } = cx;
  const detail = lb.details[r.key]?.[key] ?? null;
  const cell = isBase ? r.cells[key]! : null;
  const subRuns = runsOf.get(id) ?? [];
  const perStudy: StudyDetail[] = (perStudyOf.get(id) ?? []).map((s) => {
    const inStudy = subRuns.filter((x) => x.study === s.study);
    const bestRun = s.trial === null ? null : inStudy.find((x) => x.trial === s.trial);
    return {
      ...s,
      steps: bestRun?.steps ?? null,
      bestMetric: bestRun ? bestRun.bestMetric : inStudy.reduce<number | null>((m, x) => better(workload.direction, m, x.bestMetric), null),
      trials: inStudy.length,
      trialsHit: inStudy.filter((x) => x.reached).length,
    };
  });
  // Steps aggregate like times: best trial per study, then np.median over studies (+inf = not reached).
  const stepValues = perStudy.map((s) => (s.trial === null ? Infinity : (s.steps ?? NaN)));
  const medianSteps = stepValues.length ? numpyMedian(stepValues) : NaN;
  // Variants are not in the scored cells: their time comes from the derived result (null = not reached).
  const time = detail === null ? NaN : ((basis === "seconds" ? detail.timeSeconds : detail.timeFraction) ?? Infinity);
  const bestMetric = subRuns.reduce<number | null>((m, x) => better(workload.direction, m, x.bestMetric), null);
  const heldDetail = heldOut ? (lb.details[r.key]?.[heldOut.key] ?? null) : null;
  return {
    key: r.key,
    slug: r.slug,
    displayName: r.displayName,
    rank: r.rank,
    score: r.score,
    status: cell ? cell.status : detail === null ? "no_data" : Number.isFinite(time) ? null : "not_reached",
    ...(cell?.variant ? { variant: cell.variant, variantName: cell.variantName } : {}),
    time: cell ? cell.time : time,
    timeSeconds: detail?.timeSeconds ?? null,
    timeFraction: detail?.timeFraction ?? null,
    steps: Number.isFinite(medianSteps) ? medianSteps : null,
    ratio: cell ? cell.ratio : null,
    bestMetric,
    targetMet: bestMetric === null ? null : workload.direction === "min" ? bestMetric <= workload.target : bestMetric >= workload.target,
    studies: detail?.studies ?? 0,
    studiesHit: detail?.studiesHit ?? 0,
    perStudy,
    heldOutTime: heldOut ? (heldDetail === null ? NaN : ((basis === "seconds" ? heldDetail.timeSeconds : heldDetail.timeFraction) ?? Infinity)) : null,
  };
}
