// Head to head and the speedup matrix: GET /api/v1/rounds/<round>/compare,
// GET /api/v1/rounds/<round>/speedups, the compare page and the speedups view.
// The speedup convention is compute_speedups.py's (lib/scoring/analysis/speedup.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { compareParamsSchema, speedupParamsSchema, type CompareParams } from "@/lib/server/schemas/analysis-compare";
import type { CellStatus } from "@/lib/scoring";
import { BOOTSTRAP_DEFAULTS, ranksOf } from "@/lib/scoring/analysis";
import type { SpeedupMember, Winner } from "@/lib/scoring/analysis/speedup";
import { compute } from "@/lib/server/compute/pool";
import { AppError, badParameter } from "@/lib/server/errors";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, scoreLoaded, type LoadedPool, type PoolSubmission } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

/**
 * Members the speedup matrix takes: a bound on the size of the answer and of
 * its page (members² cells), not on its cost, which the cost cap bounds.
 */
export const MAX_MATRIX_MEMBERS = 60;

export const SPEEDUP_CONVENTION =
  "Geometric-mean speedup as AlgoPerf's scoring/compute_speedups.py computes it: over the base workloads, the per-workload medians over studies " +
  "(before the held-out and 4x rules), a missed target counted as the workload's budget + 1 s (x the round's budget factor, e.g. 3 for self-tuning; " +
  "on the fraction basis (budget + 1) / budget), a workload neither side has data for left out, one side without data making it undefined. " +
  "Speedup of A over B = geometric mean of time(B) / time(A): above 1, A is faster.";

export const SPEEDUP_INTERVAL =
  "Paired bootstrap over studies: in every resample each side's per-workload median is recomputed from its studies drawn with replacement " +
  "(the uncertainty view's generator and seed, so the same draws), and the speedup recomputed; the interval is the 2.5th-97.5th percentile, " +
  "'A faster' the share of resamples with a speedup above 1.";

export interface CompareSide extends PoolSubmission {
  /** Whether it is a member of the current pool; score, rank, targets and profile are its standing there (else null). */
  inPool: boolean;
  score: number | null;
  rank: number | null;
  targetsHit: number | null;
  profile: number[] | null;
  /** Its ratio on each base workload in the pool (the profile's steps), or null. */
  ratios: number[] | null;
}

export interface CompareCell {
  /** Per-workload median (round's basis; +inf missed, NaN no data), and what the speedup counts. */
  time: number;
  counted: number;
  timeSeconds: number | null;
  timeFraction: number | null;
  studies: number;
  studiesHit: number;
  /** Status in the current pool (null when not a member). */
  status: CellStatus | null;
}

export interface CompareWorkload {
  workload: string;
  a: CompareCell;
  b: CompareCell;
  /** b / a of the counted times: above 1, A is faster. */
  ratio: number;
  winner: Winner;
  /** False when neither has data (left out of the geometric mean). */
  counted: boolean;
}

export interface CompareReport extends AnalysisHead {
  a: CompareSide;
  b: CompareSide;
  workloads: CompareWorkload[];
  wins: number;
  losses: number;
  ties: number;
  speedup: {
    value: number;
    interval: [number, number] | null;
    aFaster: number | null;
    seed: number;
    resamples: number;
    level: number;
    convention: string;
    intervalMethod: string;
    missValues: Record<string, number>;
  };
  /** The pool's tau grid (profiles of a and b are on it). */
  tau: number[];
}

function missValuesOf(pool: LoadedPool, round: string): Record<string, number> {
  const miss = pool.input.missValues;
  if (!miss) throw new AppError("BAD_REQUEST", `round "${round}" has a workload without a budget, so a missed target has no time for the geometric mean`);
  return { ...miss };
}

function speedupMembers(pool: LoadedPool): SpeedupMember[] {
  return pool.input.submissions.map((s) => ({ ...s, studies: pool.studies?.[s.name] ?? {} }));
}

async function assertSubmissionsExist(db: Db, round: string, refs: { field: string; ref: string }[]) {
  for (const { field, ref } of refs) {
    const i = ref.indexOf("/");
    const [r, slug] = i < 0 ? [round, ref] : [ref.slice(0, i), ref.slice(i + 1)];
    const found = await db.submission.findFirst({ where: { slug, hidden: false, round: { slug: r } }, select: { id: true } });
    if (!found) throw badParameter(field, `unknown submission "${ref}" in round "${r}"`, `unknown submission "${ref}"`);
  }
}

/**
 * A against B: per base workload the two medians, the ratio b/a and the
 * winner, the geometric-mean speedup with its paired bootstrap interval,
 * and both sides' standing in the current pool (which comparing does not
 * change). A and B may come from another round ("<round>/<slug>") when its
 * time basis and workloads match (assertPoolCompatible).
 */
type Scored = Awaited<ReturnType<typeof scoreLoaded>>;

/** One side of a head to head: the submission, and its standing in the pool when it is a member. */
function compareSide(both: LoadedPool, scored: Scored, ranks: Record<string, number>, k: string): CompareSide {
  const sub = both.submissions.find((s) => s.key === k)!;
  const inPool = k in scored.scores;
  return {
    ...sub,
    inPool,
    score: inPool ? scored.scores[k]! : null,
    rank: inPool ? ranks[k]! : null,
    targetsHit: inPool ? scored.targetsHit[k]! : null,
    profile: inPool ? scored.profiles[k]! : null,
    ratios: inPool ? scored.workloads.map((w) => scored.cells[k]![w]!.ratio) : null,
  };
}

/** One side's cell of a workload row. */
function compareCell(both: LoadedPool, scored: Scored, k: string, w: string, time: number, counted: number): CompareCell {
  const d = both.details[k]?.[w];
  return {
    time,
    counted,
    timeSeconds: d?.timeSeconds ?? null,
    timeFraction: d?.timeFraction ?? null,
    studies: d?.studies ?? 0,
    studiesHit: d?.studiesHit ?? 0,
    status: scored.cells[k]?.[w]?.status ?? null,
  };
}

export async function compareSubmissions(
  db: Db,
  options: { round: string; query: ScoreQuery } & Partial<CompareParams> & Pick<CompareParams, "a" | "b">,
): Promise<CompareReport & { stale?: boolean }> {
  const { round, query } = options;
  const { a, b, seed, resamples } = compareParamsSchema.parse(options);
  if (a === b) throw badParameter("b", "compare two different submissions", "equals a");
  const request = poolRequest(round, query);
  const pair = poolRequest(round, { ...query, pool: [a, b] });
  return readPoolView(
    db,
    `compare|${a}|${b}|${seed}|${resamples}`,
    request,
    async (versions) => {
      // The pool first: an unknown round is a 404 before a or b are looked up.
      const pool = await loadPool(db, request, versions);
      await assertSubmissionsExist(db, round, [
        { field: "a", ref: a },
        { field: "b", ref: b },
      ]);
      const both = await loadPool(db, pair, versions, { studies: true });
      const miss = missValuesOf(both, round);
      const keyOf = (ref: string) => (ref.startsWith(`${round}/`) ? ref.slice(round.length + 1) : ref);
      const [ka, kb] = [keyOf(a), keyOf(b)];
      const members = speedupMembers(both);
      const ordered = [members.find((m) => m.name === ka)!, members.find((m) => m.name === kb)!];
      // On a compute worker, behind the cost cap and the limits (docs/availability.md).
      const { headToHead: h, matrix } = await compute(
        { kind: "headToHead", input: { ...both.input, submissions: ordered }, settings: both.settings, seed, resamples, level: BOOTSTRAP_DEFAULTS.level },
        `cannot compare "${a}" and "${b}"`,
      );
      const scored = await scoreLoaded(pool);
      const ranks = ranksOf(scored.scores, Object.keys(scored.scores));
      const head = analysisHead(pool, scored.settings, both.submissions);
      return {
        ...head,
        // The pair may mix rounds even when the pool does not: either flags the answer.
        mixed: both.mixed ?? pool.mixed,
        a: compareSide(both, scored, ranks, ka),
        b: compareSide(both, scored, ranks, kb),
        workloads: h.workloads.map((c) => ({
          workload: c.workload,
          a: compareCell(both, scored, ka, c.workload, c.a, c.aCounted),
          b: compareCell(both, scored, kb, c.workload, c.b, c.bCounted),
          ratio: c.ratio,
          winner: c.winner,
          counted: c.counted,
        })),
        wins: h.wins,
        losses: h.losses,
        ties: h.ties,
        speedup: {
          value: h.speedup,
          interval: matrix.pairs[0]![1]!.interval,
          aFaster: matrix.pairs[0]![1]!.aFaster,
          seed,
          resamples,
          level: BOOTSTRAP_DEFAULTS.level,
          convention: SPEEDUP_CONVENTION,
          intervalMethod: SPEEDUP_INTERVAL,
          missValues: miss,
        },
        tau: scored.tau,
      };
    },
    pair.rounds,
  );
}

export interface SpeedupsReport extends AnalysisHead {
  /** Members by score, descending (the matrix's order). */
  members: { key: string; score: number; rank: number }[];
  /** matrix[i][j]: A = members[i] against B = members[j]. */
  matrix: { speedup: number; interval: [number, number] | null; aFaster: number | null }[][];
  resampled: boolean;
  method: { seed: number; resamples: number; level: number; convention: string; intervalMethod: string };
  missValues: Record<string, number>;
}

/** Every pair of a pool (at most 60 members), ordered by score. */
export async function speedupsOfPool(
  db: Db,
  options: { round: string; query: ScoreQuery; seed?: number; resamples?: number },
): Promise<SpeedupsReport & { stale?: boolean }> {
  const { seed, resamples } = speedupParamsSchema.parse(options);
  const request = poolRequest(options.round, options.query);
  return readPoolView(db, `speedups|${seed}|${resamples}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions, { studies: true });
    if (pool.submissions.length > MAX_MATRIX_MEMBERS) {
      throw badParameter(
        "pool",
        `the speedup matrix takes at most ${MAX_MATRIX_MEMBERS} submissions; this pool has ${pool.submissions.length}`,
        `at most ${MAX_MATRIX_MEMBERS} submissions`,
      );
    }
    const miss = missValuesOf(pool, options.round);
    const scored = await scoreLoaded(pool);
    const ranks = ranksOf(scored.scores, Object.keys(scored.scores));
    const byName = new Map(speedupMembers(pool).map((m) => [m.name, m]));
    const ordered = scored.ranking.map((k) => byName.get(k)!);
    // On a compute worker, behind the cost cap and the limits (docs/availability.md).
    const m = await compute(
      { kind: "speedups", input: { ...pool.input, submissions: ordered }, settings: pool.settings, seed, resamples, level: BOOTSTRAP_DEFAULTS.level },
      "cannot compute the speedup matrix",
    );
    return {
      ...analysisHead(pool, scored.settings),
      members: scored.ranking.map((k) => ({ key: k, score: scored.scores[k]!, rank: ranks[k]! })),
      matrix: m.pairs.map((row) => row.map((p) => ({ speedup: p.speedup, interval: p.interval, aFaster: p.aFaster }))),
      resampled: m.resampled,
      method: { seed, resamples, level: BOOTSTRAP_DEFAULTS.level, convention: SPEEDUP_CONVENTION, intervalMethod: SPEEDUP_INTERVAL },
      missValues: miss,
    };
  });
}
