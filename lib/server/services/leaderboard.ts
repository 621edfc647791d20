// The leaderboard of a view: the pool its URL defines (the round's default
// pool, plus additions, minus removals, narrowed by the filters), scored by
// scoreRound, as rows ready for a table. Shared by the leaderboard and profile
// pages, the per-workload pages and GET /api/v1/rounds/<round>/leaderboard.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { Issue } from "@/lib/issue";
import type { CellStatus, ResolvedSettings } from "@/lib/scoring";
import { cached, roundVersions } from "@/lib/server/cache";
import { invalidQuery } from "@/lib/server/errors";
import type { SubmissionListing } from "@/lib/submission-fields";
import { roundCatalog, type CatalogSubmission, type RoundCatalog, type WorkloadInfo } from "@/lib/server/services/catalog";
import { roundCompleteness, type CompletenessBadge } from "@/lib/server/services/round-completeness";
import { scoreRound, type CellDetail } from "@/lib/server/services/scores";
import { formatHorizon } from "@/lib/views/format";
import { horizonKey, serializeViewQuery, type ViewQuery } from "@/lib/views/query";

export interface Facet {
  value: string;
  label: string;
  /** Submissions with this value among the default pool with the view's additions and removals (before filters). */
  count: number;
}

export interface LeaderboardCell extends CellDetail {
  /** Input time on the round's basis (+inf not reached, NaN no data), before the §3 rules. */
  time: number;
  /** What rho compares with tau (docs/scoring.md §4.1). */
  ratio: number;
  status: CellStatus;
  /** For variant_failed: the held-out variant's key and display name. */
  variant?: string;
  variantName?: string;
}

export interface LeaderboardRow extends SubmissionListing {
  /** Competition rank (equal scores share a rank); the order is scoreRound's ranking (§5.4). */
  rank: number;
  key: string;
  source: string;
  inDefaultPool: boolean;
  /** false: an upload no admin has verified, scored here because the view added it (docs/trust-model.md). */
  verified: boolean;
  score: number;
  targetsHit: number;
  geometricMeanTime: number | null;
  /** Base workloads only, by key. */
  cells: Record<string, LeaderboardCell>;
  /** Listing position in the pool (slug order): the stable index plot styles are assigned by. */
  poolIndex: number;
  /** Runs found / expected and studies: an incomplete submission is ranked with a badge. */
  completeness: CompletenessBadge;
}

export type CandidateState = "member" | "filtered" | "removed" | "outside";

export interface Candidate {
  slug: string;
  displayName: string;
  family: string | null;
  baseAlgorithm: string | null;
  horizon: number | null;
  source: string;
  inDefaultPool: boolean;
  /** false: an upload no admin has verified; outside the default pool, a reader may add it (docs/trust-model.md). */
  verified: boolean;
  /** Every run the round expects is present (round-completeness.ts). */
  complete: boolean;
  /** member: scored; filtered: in the pool but excluded by a filter; removed: a default member taken out; outside: not in the default pool and not added. */
  state: CandidateState;
}

export interface Leaderboard {
  round: RoundCatalog["round"];
  query: ViewQuery;
  /** Resolved scoring settings with the sentence naming the mode; null when the pool is empty. */
  settings: ResolvedSettings | null;
  /** Base workloads, in round order. */
  workloads: WorkloadInfo[];
  /** Held-out variants (docs/scoring.md §3) and other variants of the round. */
  variants: WorkloadInfo[];
  rows: LeaderboardRow[];
  /** Per base workload: the pool's best time after the §3 rules (the ratio denominator). */
  best: Record<string, number>;
  tau: number[];
  profiles: Record<string, number[]>;
  /** Every visible submission of the round with its place in the view. */
  candidates: Candidate[];
  facets: { horizon: Facet[]; family: Facet[]; base: Facet[]; source: Facet[] };
  pool: { keys: string[]; isDefault: boolean };
  /** The view scores submissions no admin has verified (added by the reader; docs/trust-model.md). */
  includesUnverified: boolean;
  /** Per pool member and workload (variants too): both time bases and the study counts. */
  details: Record<string, Record<string, CellDetail>>;
}

const horizonOrder = (v: string) => (v === "none" ? Infinity : Number(v));

function facet(values: (string | null)[], inBase: boolean[], label: (v: string) => string, order: (a: string, b: string) => number): Facet[] {
  const counts = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === null) return;
    counts.set(v, (counts.get(v) ?? 0) + (inBase[i] ? 1 : 0));
  });
  return [...counts].sort(([a], [b]) => order(a, b)).map(([value, count]) => ({ value, label: label(value), count }));
}

function facetsOf(subs: CatalogSubmission[], inBase: boolean[]): Leaderboard["facets"] {
  const alpha = (a: string, b: string) => a.localeCompare(b);
  return {
    horizon: facet(
      subs.map((s) => horizonKey(s.horizon)),
      inBase,
      (v) => (v === "none" ? "none" : formatHorizon(Number(v) / 100)),
      (a, b) => horizonOrder(a) - horizonOrder(b),
    ),
    family: facet(
      subs.map((s) => s.family),
      inBase,
      (v) => v,
      alpha,
    ),
    base: facet(
      subs.map((s) => s.baseAlgorithm),
      inBase,
      (v) => v,
      alpha,
    ),
    source: facet(
      subs.map((s) => s.source),
      inBase,
      (v) => v,
      (a, b) => ["published", "imported", "uploaded"].indexOf(a) - ["published", "imported", "uploaded"].indexOf(b),
    ),
  };
}

/** Filter values and slugs the round does not have: one issue per parameter, listing what is valid. */
function checkQuery(catalog: RoundCatalog, q: ViewQuery, facets: Leaderboard["facets"]): Issue[] {
  const issues: Issue[] = [];
  const check = (path: keyof ViewQuery, values: string[], valid: string[]) => {
    const unknown = values.filter((v) => !valid.includes(v));
    if (unknown.length) {
      issues.push({
        path,
        message: `unknown ${path} ${unknown.map((u) => `"${u}"`).join(", ")}; valid in ${catalog.round.slug}: ${valid.map((v) => `"${v}"`).join(", ") || "(none)"}`,
      });
    }
  };
  check(
    "horizon",
    q.horizon,
    facets.horizon.map((f) => f.value),
  );
  check(
    "family",
    q.family,
    facets.family.map((f) => f.value),
  );
  check(
    "base",
    q.base,
    facets.base.map((f) => f.value),
  );
  const slugs = catalog.submissions.map((s) => s.slug);
  check("add", q.add, slugs);
  check("remove", q.remove, slugs);
  return issues;
}

/**
 * The submissions a view scores, in listing order: (default pool ∪ add) −
 * remove, then every filter (an empty filter keeps everything).
 */
export function selectPool(
  submissions: CatalogSubmission[],
  q: ViewQuery,
  incomplete: ReadonlySet<string> = new Set(),
): { base: boolean[]; member: boolean[] } {
  const add = new Set(q.add);
  const remove = new Set(q.remove);
  const base = submissions.map((s) => (s.inDefaultPool || add.has(s.slug)) && !remove.has(s.slug));
  const keep = <T>(filter: T[], value: T) => filter.length === 0 || filter.includes(value);
  const member = submissions.map(
    (s, i) =>
      base[i]! &&
      keep(q.horizon, horizonKey(s.horizon)) &&
      keep(q.family, s.family ?? "") &&
      keep(q.base, s.baseAlgorithm ?? "") &&
      keep(q.source as string[], s.source) &&
      !(q.complete === "only" && incomplete.has(s.slug)),
  );
  return { base, member };
}

/** Every submission of the round with its state in a pool (selectPool's answer), as the pool editor lists them. */
export function candidatesOf(
  subs: CatalogSubmission[],
  { base, member }: { base: boolean[]; member: boolean[] },
  incomplete: ReadonlySet<string>,
): Candidate[] {
  return subs.map((s, i) => ({
    slug: s.slug,
    displayName: s.displayName,
    family: s.family,
    baseAlgorithm: s.baseAlgorithm,
    horizon: s.horizon,
    source: s.source,
    inDefaultPool: s.inDefaultPool,
    verified: s.verified,
    complete: !incomplete.has(s.slug),
    state: member[i] ? "member" : base[i] ? "filtered" : s.inDefaultPool ? "removed" : "outside",
  }));
}

/**
 * @throws AppError NOT_FOUND for an unknown round, BAD_REQUEST for filter
 *   values or slugs the round does not have (listing the valid ones) and for
 *   a pool the scoring engine refuses.
 */
export async function getLeaderboard(db: Db, roundSlug: string, query: ViewQuery): Promise<Leaderboard> {
  // Cached per data version like its parts (catalog, scores): under load the
  // page and its JSON then cost one version query plus rendering.
  const version = (await roundVersions(db, [roundSlug])).get(roundSlug);
  if (version === undefined) return computeLeaderboard(db, roundSlug, query);
  return cached(`leaderboard|${roundSlug}@${version}|${serializeViewQuery(query)}`, () => computeLeaderboard(db, roundSlug, query));
}

async function computeLeaderboard(db: Db, roundSlug: string, query: ViewQuery): Promise<Leaderboard> {
  const catalog = await roundCatalog(db, roundSlug);
  const subs = catalog.submissions;
  const complete = await roundCompleteness(db, catalog);
  const incomplete = new Set([...complete].filter(([, c]) => !c.complete).map(([slug]) => slug));
  const { base, member } = selectPool(subs, query, incomplete);
  const facets = facetsOf(subs, base);
  const issues = checkQuery(catalog, query, facets);
  if (issues.length) throw invalidQuery(issues);

  const poolSubs = subs.filter((_, i) => member[i]);
  const candidates = candidatesOf(subs, { base, member }, incomplete);
  const workloads = catalog.workloads.filter((w) => w.role === "base");
  const variants = catalog.workloads.filter((w) => w.role !== "base");
  const isDefault = subs.every((s, i) => member[i] === s.inDefaultPool);
  const includesUnverified = poolSubs.some((s) => !s.verified);
  const common = {
    round: catalog.round,
    query,
    workloads,
    variants,
    candidates,
    facets,
    pool: { keys: poolSubs.map((s) => s.slug), isDefault },
    includesUnverified,
  };

  if (poolSubs.length === 0) {
    return { ...common, settings: null, rows: [], best: {}, tau: [], profiles: {}, details: {} };
  }

  const scores = await scoreRound(db, roundSlug, {
    pool: poolSubs.map((s) => s.slug),
    tauMax: query.tauMax,
    integration: query.integration,
    points: query.points,
    scale: query.scale,
  });

  const rows = rankedRows(scores, poolSubs, workloads, variants, complete);

  return { ...common, settings: scores.settings, rows, best: scores.best, tau: scores.tau, profiles: scores.profiles, details: scores.details };
}

/** The pool's rows in scoreRound's order, with competition ranks (§5.4) and every base workload's cell. */
function rankedRows(
  scores: Awaited<ReturnType<typeof scoreRound>>,
  poolSubs: CatalogSubmission[],
  workloads: WorkloadInfo[],
  variants: WorkloadInfo[],
  complete: Awaited<ReturnType<typeof roundCompleteness>>,
): LeaderboardRow[] {
  const bySlug = new Map(poolSubs.map((s, i) => [s.slug, { s, index: i }]));
  const variantName = new Map(variants.map((v) => [v.key, v.displayName]));
  let rank = 0;
  let previous: number | null = null;
  return scores.ranking.map((key, i): LeaderboardRow => {
    const { s, index } = bySlug.get(key)!;
    const score = scores.scores[key]!;
    // Competition ranking: equal scores share the rank of the first of them.
    if (previous === null || !(score === previous || (Number.isNaN(score) && Number.isNaN(previous)))) rank = i + 1;
    previous = score;
    const cells: Record<string, LeaderboardCell> = {};
    for (const w of workloads) {
      const c = scores.cells[key]![w.key]!;
      const d = scores.details[key]?.[w.key] ?? { timeSeconds: null, timeFraction: null, studies: 0, studiesHit: 0 };
      cells[w.key] = {
        ...d,
        time: c.time,
        ratio: c.ratio,
        status: c.status,
        ...(c.variant ? { variant: c.variant, variantName: variantName.get(c.variant) ?? c.variant } : {}),
      };
    }
    return {
      rank,
      key,
      slug: s.slug,
      displayName: s.displayName,
      family: s.family,
      baseAlgorithm: s.baseAlgorithm,
      baseOptimizer: s.baseOptimizer,
      horizon: s.horizon,
      searchRank: s.searchRank,
      source: s.source,
      publishedScore: s.publishedScore,
      inDefaultPool: s.inDefaultPool,
      verified: s.verified,
      score,
      targetsHit: scores.targetsHit[key]!,
      geometricMeanTime: scores.geometricMeanTime?.[key] ?? null,
      cells,
      poolIndex: index,
      completeness: complete.get(s.slug)!,
    };
  });
}

/** GET …/profiles: the sampled profiles of a view (rho on the scoring grid) in rank order. */
export function profilesPayload(lb: Leaderboard) {
  return {
    round: { slug: lb.round.slug, name: lb.round.name, timeBasis: lb.round.timeBasis },
    query: lb.query,
    settings: lb.settings,
    includesUnverified: lb.includesUnverified,
    workloads: lb.workloads.map((w) => w.key),
    tau: lb.tau,
    submissions: lb.rows.map((r) => ({
      key: r.key,
      displayName: r.displayName,
      rank: r.rank,
      score: r.score,
      targetsHit: r.targetsHit,
      /** The ratios rho counts (docs/scoring.md §4.1); the exact step profile changes only at these. */
      ratios: Object.fromEntries(lb.workloads.map((w) => [w.key, r.cells[w.key]!.ratio])),
      rho: lb.profiles[r.key]!,
    })),
  };
}
