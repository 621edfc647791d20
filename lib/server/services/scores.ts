// Scores of any pool of a round: the service behind the leaderboard pages,
// GET /api/v1/rounds/<round>/scores and tRPC `scores.get`. Times come from the
// derived WorkloadResult rows (one per submission x workload, SCORING.md §2),
// the rules from lib/scoring; results are cached per data version.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import {
  assertPoolCompatible,
  scorePool,
  scoringReport,
  type PoolMember,
  type ScoreSettings,
  type ScoringReport,
  type TimeBasis,
} from "@/lib/scoring";
import { cached, versionedRead } from "@/lib/server/cache";
import { AppError } from "@/lib/server/errors";

/** Query of a scores request; every field is optional (the round's defaults apply). */
export const scoreQuerySchema = z.object({
  /** Submission slugs; "<round>/<slug>" takes a submission from another round. Default: the round's default pool. */
  pool: z.array(z.string().min(1).max(300)).max(20_000).optional(),
  tauMax: z.number().gt(1).max(1000).optional(),
  points: z.number().int().min(2).max(10_000).optional(),
  scale: z.enum(["linear", "log"]).optional(),
  integration: z.enum(["trapezoid", "exact"]).optional(),
  /** Pool member whose times are the ratio denominators (SCORING.md §4.2) instead of the pool best. */
  reference: z.string().min(1).max(300).optional(),
});
export type ScoreQuery = z.infer<typeof scoreQuerySchema>;

/** Parses URL query parameters (`pool=a,b&tauMax=4...`) into a ScoreQuery, naming the bad parameter. */
export function parseScoreParams(params: URLSearchParams): ScoreQuery {
  const raw: Record<string, unknown> = {};
  for (const key of ["tauMax", "points"] as const) {
    const v = params.get(key);
    if (v !== null && v !== "") raw[key] = Number(v);
  }
  for (const key of ["scale", "integration", "reference"] as const) {
    const v = params.get(key);
    if (v !== null && v !== "") raw[key] = v;
  }
  const pool = params.get("pool");
  if (pool !== null && pool.trim() !== "") raw.pool = pool.split(",").map((s) => s.trim()).filter(Boolean);
  const parsed = scoreQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? "query"), message: i.message }));
    throw new AppError("BAD_REQUEST", `invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

export interface PoolSubmission {
  /** Key in the report: the slug, or "<round>/<slug>" for a member of another round. */
  key: string;
  slug: string;
  round: string;
  displayName: string;
  baseAlgorithm: string | null;
  family: string | null;
  baseOptimizer: string | null;
  horizon: number | null;
  searchRank: number | null;
  source: string;
  publishedScore: number | null;
}

export interface CellDetail {
  timeSeconds: number | null;
  timeFraction: number | null;
  studies: number;
  studiesHit: number;
}

export interface PoolScores extends ScoringReport {
  round: { slug: string; name: string; timeBasis: TimeBasis; ruleset: string; dataVersion: number };
  /** Pool members in pool order (the order ties are broken by). */
  submissions: PoolSubmission[];
  /** Per member and workload (base and variants): both time bases and the study counts behind the cell. */
  details: Record<string, Record<string, CellDetail>>;
}

async function roundDefinition(db: Db, slug: string, version: number) {
  return cached(`round|${slug}@${version}`, async () => {
    const round = await db.round.findUnique({
      where: { slug },
      include: { workloads: { orderBy: { position: "asc" } } },
    });
    if (!round) throw new AppError("NOT_FOUND", `unknown round "${slug}"`);
    return round;
  });
}

const SUBMISSION_FIELDS = {
  id: true,
  slug: true,
  displayName: true,
  baseAlgorithm: true,
  family: true,
  baseOptimizer: true,
  horizon: true,
  searchRank: true,
  source: true,
  publishedScore: true,
  inDefaultPool: true,
  roundId: true,
} as const;

/**
 * Scores a pool of a round. Cached per data version of the rounds involved;
 * when the database is unreachable, the last result for the same request is
 * served with `stale: true` (else AppError 503).
 */
export async function scoreRound(db: Db, roundSlug: string, query: ScoreQuery = {}): Promise<PoolScores & { stale?: boolean }> {
  const requested = (query.pool ?? []).map((entry) => {
    const i = entry.indexOf("/");
    return i < 0 ? { round: roundSlug, slug: entry } : { round: entry.slice(0, i), slug: entry.slice(i + 1) };
  });
  const rounds = [...new Set([roundSlug, ...requested.map((r) => r.round)])];
  const key = [
    "scores",
    roundSlug,
    query.pool ? [...query.pool].sort().join(",") : "default",
    query.tauMax ?? "",
    query.points ?? "",
    query.scale ?? "",
    query.integration ?? "",
    query.reference ?? "",
  ].join("|");
  return versionedRead(db, rounds, key, async (versions) => {
    for (const r of rounds) {
      if (!versions.has(r)) {
        const known = (await db.round.findMany({ select: { slug: true }, orderBy: { position: "asc" } })).map((x) => x.slug);
        throw new AppError("NOT_FOUND", `unknown round "${r}"; rounds: ${known.join(", ")}`, [{ path: r === roundSlug ? "round" : "pool", message: `unknown round "${r}"` }]);
      }
    }
    return computeScores(db, roundSlug, requested, query, versions);
  });
}

async function computeScores(
  db: Db,
  roundSlug: string,
  requested: { round: string; slug: string }[],
  query: ScoreQuery,
  versions: Map<string, number>,
): Promise<PoolScores> {
  const round = await roundDefinition(db, roundSlug, versions.get(roundSlug)!);
  const definitions = new Map([[roundSlug, round]]);
  for (const r of new Set(requested.map((x) => x.round))) {
    if (!definitions.has(r)) definitions.set(r, await roundDefinition(db, r, versions.get(r)!));
  }
  const roundIdToSlug = new Map([...definitions.values()].map((d) => [d.id, d.slug]));

  // Members in the round's listing order, so scores and tie order do not depend on the URL.
  let members;
  if (query.pool) {
    const wanted = new Map<number, Set<string>>();
    for (const { round: r, slug } of requested) {
      const id = definitions.get(r)!.id;
      if (!wanted.has(id)) wanted.set(id, new Set());
      wanted.get(id)!.add(slug);
    }
    members = await db.submission.findMany({
      where: { hidden: false, OR: [...wanted].map(([roundId, slugs]) => ({ roundId, slug: { in: [...slugs] } })) },
      select: SUBMISSION_FIELDS,
      orderBy: [{ roundId: "asc" }, { slug: "asc" }],
    });
    const found = new Set(members.map((m) => `${roundIdToSlug.get(m.roundId)}/${m.slug}`));
    const missing = requested.filter((r) => !found.has(`${r.round}/${r.slug}`));
    if (missing.length) {
      const known = await db.submission.findMany({ where: { roundId: round.id, hidden: false }, select: { slug: true }, orderBy: { slug: "asc" } });
      throw new AppError(
        "BAD_REQUEST",
        `unknown submission${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m.round === roundSlug ? m.slug : `${m.round}/${m.slug}`}"`).join(", ")} in pool; submissions of ${roundSlug}: ${known.map((k) => k.slug).join(", ")}`,
        missing.map((m) => ({ path: "pool", message: `unknown submission "${m.slug}" in round "${m.round}"` })),
      );
    }
  } else {
    members = await db.submission.findMany({
      where: { roundId: round.id, hidden: false, inDefaultPool: true },
      select: SUBMISSION_FIELDS,
      orderBy: { slug: "asc" },
    });
  }

  const keyOf = (m: { roundId: number; slug: string }) => (m.roundId === round.id ? m.slug : `${roundIdToSlug.get(m.roundId)}/${m.slug}`);
  const baseKeys = (d: typeof round) => d.workloads.filter((w) => w.role === "base").map((w) => w.key);
  assertCompatible(
    members.map((m) => {
      const d = definitions.get(roundIdToSlug.get(m.roundId)!)!;
      return { name: keyOf(m), workloads: baseKeys(d), timeBasis: d.timeBasis };
    }),
  );

  const results = await db.workloadResult.findMany({
    where: { submissionId: { in: members.map((m) => m.id) } },
    select: { submissionId: true, workload: { select: { key: true } }, reached: true, timeSeconds: true, timeFraction: true, studies: true, studiesHit: true },
  });
  const bySubmission = new Map<number, typeof results>();
  for (const r of results) {
    const list = bySubmission.get(r.submissionId) ?? [];
    list.push(r);
    bySubmission.set(r.submissionId, list);
  }

  const seconds = round.timeBasis === "seconds";
  const details: PoolScores["details"] = {};
  const input = members.map((m) => {
    const times: Record<string, number> = {};
    const detail: Record<string, CellDetail> = {};
    for (const r of bySubmission.get(m.id) ?? []) {
      const time = seconds ? r.timeSeconds : r.timeFraction;
      // A reached cell without a time on this basis cannot be compared: no data (NaN).
      times[r.workload.key] = r.reached ? (time ?? NaN) : Infinity;
      detail[r.workload.key] = { timeSeconds: r.timeSeconds, timeFraction: r.timeFraction, studies: r.studies, studiesHit: r.studiesHit };
    }
    details[keyOf(m)] = detail;
    return { name: keyOf(m), times };
  });

  const settings: Partial<ScoreSettings> = {
    tauMin: round.tauMin,
    tauMax: query.tauMax ?? round.tauMax,
    points: query.points ?? round.tauPoints,
    scale: query.scale ?? round.tauScale,
    integration: query.integration ?? round.integration,
    reference: query.reference ?? null,
  };
  if (settings.reference && !input.some((s) => s.name === settings.reference)) {
    throw new AppError("BAD_REQUEST", `reference "${settings.reference}" is not in the pool`, [{ path: "reference", message: "not a pool member" }]);
  }

  let result;
  try {
    result = scorePool(
      {
        baseWorkloads: baseKeys(round),
        heldOutWorkloads: round.workloads.filter((w) => w.role === "held_out").map((w) => w.key),
        submissions: input,
        missValues: missValues(round),
      },
      settings,
    );
  } catch (error) {
    throw new AppError("BAD_REQUEST", `cannot score this pool: ${error instanceof Error ? error.message : String(error)}`);
  }

  return {
    round: { slug: round.slug, name: round.name, timeBasis: round.timeBasis, ruleset: round.ruleset, dataVersion: versions.get(round.slug)! },
    submissions: members.map((m) => ({
      key: keyOf(m),
      slug: m.slug,
      round: roundIdToSlug.get(m.roundId)!,
      displayName: m.displayName,
      baseAlgorithm: m.baseAlgorithm,
      family: m.family,
      baseOptimizer: m.baseOptimizer,
      horizon: m.horizon,
      searchRank: m.searchRank,
      source: m.source,
      publishedScore: m.publishedScore,
    })),
    details,
    ...scoringReport(result),
  };
}

function assertCompatible(members: PoolMember[]) {
  try {
    assertPoolCompatible(members);
  } catch (error) {
    throw new AppError("BAD_REQUEST", error instanceof Error ? error.message : String(error), [{ path: "pool", message: "incompatible pool" }]);
  }
}

/**
 * Value of a missed target in the geometric-mean calibration metric: AlgoPerf's
 * compute_speedups.py uses budget + 1 s. On the fraction basis that is
 * (budget + 1 unit) / budget, with the budget in seconds or, for the paper's
 * step budgets, in steps.
 */
function missValues(round: { timeBasis: TimeBasis; budgetFactor: number; workloads: { key: string; role: string; budgetSeconds: number | null; budgetSteps: number | null }[] }) {
  const out: Record<string, number> = {};
  for (const w of round.workloads) {
    if (w.role !== "base") continue;
    const budget = w.budgetSeconds !== null ? w.budgetSeconds * round.budgetFactor : w.budgetSteps;
    if (budget === null) return null;
    out[w.key] = round.timeBasis === "seconds" ? budget + 1 : (budget + 1) / budget;
  }
  return out;
}
