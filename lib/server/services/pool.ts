// Resolving and loading a pool of a round: the part every view of a pool
// shares (the scores service, the analysis services). Times come from the
// derived WorkloadResult rows (one per submission x workload, docs/scoring.md §2);
// `studies` adds the best trial of each study behind every median.
import type { Db } from "@/lib/db/client";
import {
  assertPoolCompatible,
  mixedPool,
  type MixedPool,
  type PoolInput,
  type PoolMember,
  type ScoreResult,
  type ScoreSettings,
  type TimeBasis,
} from "@/lib/scoring";
import { cached, versionedRead } from "@/lib/server/cache";
import { compute } from "@/lib/server/compute/pool";
import { AppError } from "@/lib/server/errors";
import { DESCRIPTION_FIELDS, pickFields, selectOf, type SubmissionListing } from "@/lib/submission-fields";
import type { ScoreQuery } from "@/lib/server/schemas/scores";
import { throwUnknownRound } from "./round-slugs";

export interface PoolSubmission extends SubmissionListing {
  /** Key in the report: the slug, or "<round>/<slug>" for a member of another round. */
  key: string;
  round: string;
  source: string;
  /** false: uploaded and not yet checked by an admin; it is in this pool only because the request named it (docs/trust-model.md). */
  verified: boolean;
}

export interface CellDetail {
  timeSeconds: number | null;
  timeFraction: number | null;
  studies: number;
  studiesHit: number;
}

export interface RoundInfo {
  slug: string;
  name: string;
  timeBasis: TimeBasis;
  ruleset: string;
  dataVersion: number;
}

/** What a request asks for: the round, the pool entries and the rounds they come from. */
export interface PoolRequest {
  roundSlug: string;
  query: ScoreQuery;
  requested: { round: string; slug: string }[];
  /** The round and every round a pool entry names: the data versions a view of the pool depends on. */
  rounds: string[];
  /** Identifies the pool and settings (not the data versions); prefix it with the view's name. */
  key: string;
}

/** The flag of a mixed pool (allowMixed): every answer built on it carries it. */
export interface PoolMixing extends MixedPool {
  /** Every round the pool's members come from, with what makes them differ. */
  rounds: { slug: string; benchmarkVersion: string; hardware: string | null; workloads: string[] }[];
}

export interface LoadedPool {
  /** Non-null when the pool mixes versions, hardware or workload sets and the request allowed it. */
  mixed: PoolMixing | null;
  round: RoundInfo;
  /** Members in pool order: the round's listing order (the order ties are broken by). */
  submissions: PoolSubmission[];
  /** Submission.extra of each member, by key (e.g. the paper's Table 6 selection). */
  extra: Record<string, unknown>;
  /** Scoring input: per-workload times on the round's basis, with the calibration miss values. */
  input: PoolInput;
  /** The round's scoring defaults overridden by the query. */
  settings: Partial<ScoreSettings>;
  /** Per member and workload (base and variants): both time bases and the study counts behind the cell. */
  details: Record<string, Record<string, CellDetail>>;
  /** With `studies: true`: per member and workload, the time of each study's best trial (+inf = no hit). */
  studies: Record<string, Record<string, number[]>> | null;
}

/** Parses the pool entries ("slug" or "<round>/<slug>") of a request; no I/O. */
export function poolRequest(roundSlug: string, query: ScoreQuery = {}): PoolRequest {
  const requested = (query.pool ?? []).map((entry) => {
    const i = entry.indexOf("/");
    return i < 0 ? { round: roundSlug, slug: entry } : { round: entry.slice(0, i), slug: entry.slice(i + 1) };
  });
  const key = [
    roundSlug,
    query.pool ? [...query.pool].sort().join(",") : "default",
    query.tauMax ?? "",
    query.points ?? "",
    query.scale ?? "",
    query.integration ?? "",
    query.reference ?? "",
    query.allowMixed ? "mixed" : "",
  ].join("|");
  return { roundSlug, query, requested, rounds: [...new Set([roundSlug, ...requested.map((r) => r.round)])], key };
}

/**
 * A view of a pool (the scores, an analysis), computed once per data version
 * of the rounds involved (versionedRead: when the database is unreachable, the
 * last result of the same request is served with `stale: true`).
 * @param view the view's name and its own parameters, e.g. "uncertainty|1|1000".
 * @param extraRounds rounds the view reads besides the pool's (e.g. of a submission to add).
 */
export function readPoolView<T extends object>(
  db: Db,
  view: string,
  request: PoolRequest,
  compute: (versions: Map<string, number>) => Promise<T>,
  extraRounds: readonly string[] = [],
) {
  return versionedRead(db, [...new Set([...request.rounds, ...extraRounds])], `${view}|${request.key}`, compute);
}

async function roundDefinition(db: Db, slug: string, version: number) {
  return cached(`round|${slug}@${version}`, async () => {
    const round = await db.round.findUnique({
      where: { slug },
      include: { workloads: { orderBy: { position: "asc" } } },
    });
    if (!round) return throwUnknownRound(db, slug);
    return round;
  });
}

const SUBMISSION_FIELDS = {
  id: true,
  slug: true,
  ...selectOf(DESCRIPTION_FIELDS),
  source: true,
  publishedScore: true,
  inDefaultPool: true,
  verified: true,
  roundId: true,
  extra: true,
} as const;

interface StudyBest {
  trial: number | null;
  seconds: number | null;
  fraction: number | null;
}

/**
 * Loads the members, their times and (optionally) their study times, at the
 * given data versions (from readPoolView).
 * @throws AppError NOT_FOUND for a round that does not exist, BAD_REQUEST for an unknown submission or an incompatible pool.
 */
export function loadPool(db: Db, request: PoolRequest, versions: Map<string, number>, options: { studies?: boolean } = {}): Promise<LoadedPool> {
  // Cached per data version: the views of one pool (every seed of the bootstrap,
  // every tau sweep) read it once, and a flood of new seeds costs no database work.
  const at = request.rounds.map((r) => `${r}@${versions.get(r) ?? "none"}`).join(",");
  return cached(`pool|${options.studies ? "studies" : "times"}|${request.key}|${at}`, () => readPool(db, request, versions, options));
}

async function readPool(db: Db, request: PoolRequest, versions: Map<string, number>, options: { studies?: boolean }): Promise<LoadedPool> {
  const { roundSlug, requested, query } = request;
  await assertRoundsKnown(db, request, versions);
  const round = await roundDefinition(db, roundSlug, versions.get(roundSlug)!);
  const definitions = new Map([[roundSlug, round]]);
  for (const r of new Set(requested.map((x) => x.round))) {
    if (!definitions.has(r)) definitions.set(r, await roundDefinition(db, r, versions.get(r)!));
  }
  const roundIdToSlug = new Map([...definitions.values()].map((d) => [d.id, d.slug]));

  // Members in the round's listing order, so scores and tie order do not depend on the URL.
  const members = query.pool ? await requestedMembers(db, request, definitions) : await defaultMembers(db, round.id);
  const keyOf = (m: { roundId: number; slug: string }) => (m.roundId === round.id ? m.slug : `${roundIdToSlug.get(m.roundId)}/${m.slug}`);
  const baseKeys = (d: RoundDefinition) => d.workloads.filter((w) => w.role === "base").map((w) => w.key);
  const poolMembers = members.map((m) => {
    const d = definitions.get(roundIdToSlug.get(m.roundId)!)!;
    return { name: keyOf(m), workloads: baseKeys(d), timeBasis: d.timeBasis, version: d.benchmarkVersion, hardware: d.hardware };
  });
  const mixed = query.allowMixed
    ? mixing(
        poolMembers,
        round,
        [...definitions.values()].filter((d) => members.some((m) => m.roundId === d.id)),
      )
    : null;
  if (!mixed) assertCompatible(poolMembers);
  const { submissions, details, studies } = await memberTimes(db, members, keyOf, round.timeBasis === "seconds", options.studies ?? false);
  // A mixed pool is scored on the shared workloads (and the held-out variants of those every member's round holds).
  const baseWorkloads = mixed ? mixed.sharedWorkloads : baseKeys(round);
  const heldOut = round.workloads
    .filter((w) => w.role === "held_out" && (!mixed || (baseWorkloads.includes(w.baseKey ?? "") && mixed.rounds.every((r) => r.workloads.includes(w.key)))))
    .map((w) => w.key);

  // Upstream raises a KeyError when no submission has logs for a scored workload
  // (docs/scoring.md §3.2). A live round filled by uploads is often in that state, so
  // such a workload is scored as no data for everyone instead (§2.7): it still
  // counts in N (§4.5), lowering every profile's maximum, as a missing workload does.
  const scored = [...baseWorkloads, ...heldOut];
  for (const w of scored) {
    if (submissions.length > 0 && !submissions.some((s) => w in s.times)) for (const s of submissions) s.times[w] = NaN;
  }

  return {
    mixed,
    round: { slug: round.slug, name: round.name, timeBasis: round.timeBasis, ruleset: round.ruleset, dataVersion: versions.get(round.slug)! },
    submissions: members.map((m) => ({
      key: keyOf(m),
      slug: m.slug,
      round: roundIdToSlug.get(m.roundId)!,
      ...pickFields(m, DESCRIPTION_FIELDS),
      source: m.source,
      publishedScore: m.publishedScore,
      verified: m.verified,
    })),
    extra: Object.fromEntries(members.map((m) => [keyOf(m), m.extra])),
    input: {
      baseWorkloads,
      heldOutWorkloads: heldOut,
      submissions,
      missValues: missValues(round),
    },
    settings: poolSettings(round, query, submissions),
    details,
    studies: options.studies ? studies : null,
  };
}

type RoundDefinition = Awaited<ReturnType<typeof roundDefinition>>;
type Member = Awaited<ReturnType<typeof defaultMembers>>[number];

async function assertRoundsKnown(db: Db, request: PoolRequest, versions: Map<string, number>): Promise<void> {
  for (const r of request.rounds) {
    if (!versions.has(r)) {
      return throwUnknownRound(db, r, r === request.roundSlug ? "round" : "pool");
    }
  }
}

function defaultMembers(db: Db, roundId: number) {
  return db.submission.findMany({
    // Unverified uploads never join the default pool (docs/trust-model.md): no upload changes the published view.
    where: { roundId, hidden: false, inDefaultPool: true, verified: true },
    select: SUBMISSION_FIELDS,
    orderBy: { slug: "asc" },
  });
}

/** The pool the request names; BAD_REQUEST naming every entry that is not a visible submission. */
async function requestedMembers(db: Db, request: PoolRequest, definitions: Map<string, RoundDefinition>): Promise<Member[]> {
  const { roundSlug, requested } = request;
  const roundIdToSlug = new Map([...definitions.values()].map((d) => [d.id, d.slug]));
  const wanted = new Map<number, Set<string>>();
  for (const { round: r, slug } of requested) {
    const id = definitions.get(r)!.id;
    if (!wanted.has(id)) wanted.set(id, new Set());
    wanted.get(id)!.add(slug);
  }
  const members = await db.submission.findMany({
    where: { hidden: false, OR: [...wanted].map(([roundId, slugs]) => ({ roundId, slug: { in: [...slugs] } })) },
    select: SUBMISSION_FIELDS,
    orderBy: [{ roundId: "asc" }, { slug: "asc" }],
  });
  const found = new Set(members.map((m) => `${roundIdToSlug.get(m.roundId)}/${m.slug}`));
  const missing = requested.filter((r) => !found.has(`${r.round}/${r.slug}`));
  if (missing.length) {
    const known = await db.submission.findMany({
      where: { roundId: definitions.get(roundSlug)!.id, hidden: false },
      select: { slug: true },
      orderBy: { slug: "asc" },
    });
    throw new AppError(
      "BAD_REQUEST",
      `unknown submission${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m.round === roundSlug ? m.slug : `${m.round}/${m.slug}`}"`).join(", ")} in pool; submissions of ${roundSlug}: ${known.map((k) => k.slug).join(", ")}`,
      missing.map((m) => ({ path: "pool", message: `unknown submission "${m.slug}" in round "${m.round}"` })),
    );
  }
  return members;
}

/** The outcome columns a run and a workload result share (lib/ingest/run-outcome.ts), with whose and which workload's they are. */
export const OUTCOME_SELECT = { submissionId: true, workload: { select: { key: true } }, reached: true, timeSeconds: true, timeFraction: true } as const;

/** Each member's scoring times on the round's basis, its cell details and (optionally) its study times. */
async function memberTimes(db: Db, members: Member[], keyOf: (m: Member) => string, seconds: boolean, withStudies: boolean) {
  const results = await db.workloadResult.findMany({
    where: { submissionId: { in: members.map((m) => m.id) } },
    select: { ...OUTCOME_SELECT, studies: true, studiesHit: true, perStudy: withStudies },
  });
  const bySubmission = new Map<number, typeof results>();
  for (const r of results) {
    const list = bySubmission.get(r.submissionId) ?? [];
    list.push(r);
    bySubmission.set(r.submissionId, list);
  }
  const details: LoadedPool["details"] = {};
  const studies: NonNullable<LoadedPool["studies"]> = {};
  const submissions = members.map((m) => {
    const times: Record<string, number> = {};
    const detail: Record<string, CellDetail> = {};
    const perWorkload: Record<string, number[]> = {};
    for (const r of bySubmission.get(m.id) ?? []) {
      const time = seconds ? r.timeSeconds : r.timeFraction;
      // A reached cell without a time on this basis cannot be compared: no data (NaN).
      times[r.workload.key] = r.reached ? (time ?? NaN) : Infinity;
      detail[r.workload.key] = { timeSeconds: r.timeSeconds, timeFraction: r.timeFraction, studies: r.studies, studiesHit: r.studiesHit };
      if (withStudies) {
        // Same conventions as the median (lib/ingest/refresh-results.ts): no hit = +inf, a hit without a time on this basis = NaN.
        perWorkload[r.workload.key] = ((r.perStudy ?? []) as unknown as StudyBest[]).map((s) =>
          s.trial === null ? Infinity : ((seconds ? s.seconds : s.fraction) ?? NaN),
        );
      }
    }
    details[keyOf(m)] = detail;
    if (withStudies) studies[keyOf(m)] = perWorkload;
    return { name: keyOf(m), times };
  });
  return { submissions, details, studies };
}

/** The round's scoring defaults overridden by the query; BAD_REQUEST for a reference outside the pool. */
function poolSettings(round: RoundDefinition, query: ScoreQuery, submissions: { name: string }[]): Partial<ScoreSettings> {
  const settings: Partial<ScoreSettings> = {
    tauMin: round.tauMin,
    tauMax: query.tauMax ?? round.tauMax,
    points: query.points ?? round.tauPoints,
    scale: query.scale ?? round.tauScale,
    integration: query.integration ?? round.integration,
    reference: query.reference ?? null,
  };
  if (settings.reference && !submissions.some((s) => s.name === settings.reference)) {
    throw new AppError("BAD_REQUEST", `reference "${settings.reference}" is not in the pool`, [{ path: "reference", message: "not a pool member" }]);
  }
  return settings;
}

/**
 * Runs a pure computation on a pool, reporting what the scoring engine
 * refuses (settings, a pool it cannot score) as a 400 naming the reason.
 */
export function scoringOrBadRequest<T>(compute: () => T, what = "cannot score this pool"): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** scorePool of a loaded pool with its settings, on a compute worker (lib/server/compute). */
export function scoreLoaded(pool: LoadedPool): Promise<ScoreResult> {
  return compute({ kind: "score", input: pool.input, settings: pool.settings });
}

/** mixedPool (lib/scoring) with the rounds involved; a pool it refuses (time bases, nothing shared) is a 400. */
function mixing(members: PoolMember[], round: RoundDefinition, rounds: RoundDefinition[]): PoolMixing | null {
  const baseOf = (d: RoundDefinition) => d.workloads.filter((w) => w.role === "base").map((w) => w.key);
  let mixed: MixedPool | null;
  try {
    mixed = mixedPool(members, baseOf(round));
  } catch (error) {
    throw new AppError("BAD_REQUEST", error instanceof Error ? error.message : String(error), [
      { path: "pool", message: "cannot be scored even as a mixed pool" },
    ]);
  }
  if (!mixed) return null;
  const involved = rounds.some((d) => d.id === round.id) ? rounds : [round, ...rounds];
  return {
    ...mixed,
    rounds: involved.map((d) => ({ slug: d.slug, benchmarkVersion: d.benchmarkVersion, hardware: d.hardware, workloads: d.workloads.map((w) => w.key) })),
  };
}

function assertCompatible(members: PoolMember[]) {
  try {
    assertPoolCompatible(members);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // allowMixed cannot join time bases (mixedPool refuses them too): no hint for those.
    const message = /time bases/.test(reason) ? reason : `${reason}; add allowMixed=1 to score them on the workloads they share (flagged as mixed)`;
    throw new AppError("BAD_REQUEST", message, [{ path: "pool", message: "incompatible pool" }]);
  }
}

/**
 * Value of a missed target in the geometric-mean calibration metric: AlgoPerf's
 * compute_speedups.py uses budget + 1 s. On the fraction basis that is
 * (budget + 1 unit) / budget, with the budget in seconds or, for the paper's
 * step budgets, in steps.
 */
function missValues(round: {
  timeBasis: TimeBasis;
  budgetFactor: number;
  workloads: { key: string; role: string; budgetSeconds: number | null; budgetSteps: number | null }[];
}) {
  const out: Record<string, number> = {};
  for (const w of round.workloads) {
    if (w.role !== "base") continue;
    const budget = w.budgetSeconds !== null ? w.budgetSeconds * round.budgetFactor : w.budgetSteps;
    if (budget === null) return null;
    out[w.key] = round.timeBasis === "seconds" ? budget + 1 : (budget + 1) / budget;
  }
  return out;
}
