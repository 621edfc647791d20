// Uncertainty over studies: a bootstrap of the per-workload medians, scored
// with the official rules each time.
import { quantileSorted } from "d3";
import { numpyMedian } from "../aggregate";
import { scorePool } from "../pool";
import type { PoolInput, ResolvedSettings, ScoreSettings, SubmissionTimes } from "../types";
import { fnv1a, seededIndex } from "./random";
import { competitionRanks } from "./ranks";
import { tiedGroups, type TiedGroup } from "./ties";

/** A pool member with the time of each study behind its per-workload medians. */
export interface StudyTimes extends SubmissionTimes {
  /**
   * Per workload (base or variant): the time of every study, i.e. its best
   * trial's time (docs/scoring.md §2.2; +inf = no trial hit, NaN = no time on this
   * basis). `times[w]` is their median (§2.3). A workload with fewer than two
   * studies is not resampled.
   */
  studies: Readonly<Record<string, readonly number[]>>;
}

export interface StudyPoolInput extends PoolInput {
  submissions: readonly StudyTimes[];
}

export interface BootstrapOptions {
  /** Seed of the generator (an integer in [0, 2^32)). */
  seed: number;
  /** Number of bootstrap resamples. */
  resamples: number;
  /** Coverage of the percentile intervals. */
  level: number;
}

export const BOOTSTRAP_DEFAULTS: Readonly<BootstrapOptions> = { seed: 1, resamples: 1000, level: 0.95 };

export interface BootstrapMember {
  name: string;
  /** The pool's actual score (the leaderboard's) and its competition rank. */
  score: number;
  rank: number;
  /** Percentile interval of the score over the resamples; null when nothing was resampled. */
  interval: [number, number] | null;
  /** Percentile interval of the rank, widened to whole ranks (floor, ceil). */
  rankInterval: [number, number] | null;
  /** Cells (workloads) of this member with >= 2 studies, i.e. resampled. */
  resampledCells: number;
  /** Labels of the tied groups this member belongs to. */
  groups: string[];
  /** Share of resamples in which it scores strictly above the next member of the point ranking (null for the last). */
  aboveNext: number | null;
}

export interface BootstrapResult {
  settings: ResolvedSettings;
  options: BootstrapOptions;
  /** False when no cell of the pool has two or more studies: no interval exists. */
  available: boolean;
  reason: string | null;
  resampledCells: number;
  /** In point-ranking order (score descending, docs/scoring.md §5.4). */
  members: BootstrapMember[];
  groups: TiedGroup[];
}

type ResampledCell = { member: number; workload: string; medians: Float64Array };

/** Resampled medians per cell with two or more studies, drawn up front: one seeded generator per cell. */
function resampleCells(input: StudyPoolInput, opts: BootstrapOptions): ResampledCell[] {
  const cells: ResampledCell[] = [];
  input.submissions.forEach((sub, member) => {
    for (const workload of Object.keys(sub.studies).sort()) {
      const studies = sub.studies[workload]!;
      if (studies.length < 2 || !(workload in sub.times)) continue;
      const next = seededIndex(fnv1a(`${opts.seed}\u0000${sub.name}\u0000${workload}`), studies.length);
      const draw = new Array<number>(studies.length);
      const medians = new Float64Array(opts.resamples);
      for (let b = 0; b < opts.resamples; b++) {
        for (let j = 0; j < draw.length; j++) draw[j] = studies[next()]!;
        medians[b] = numpyMedian(draw);
      }
      cells.push({ member, workload, medians });
    }
  });
  return cells;
}

/** Every member's score and competition rank in each resample (member i's resampled cells replace its times). */
function resampledScores(input: StudyPoolInput, settings: Partial<ScoreSettings>, byMember: Map<number, ResampledCell[]>, resamples: number) {
  const names = input.submissions.map((s) => s.name);
  const scores = names.map(() => new Float64Array(resamples));
  const ranks = names.map(() => new Int32Array(resamples));
  const row = new Float64Array(names.length);
  for (let b = 0; b < resamples; b++) {
    const submissions = input.submissions.map((sub, i): SubmissionTimes => {
      const resampled = byMember.get(i);
      if (!resampled) return sub;
      const times = { ...sub.times };
      for (const c of resampled) times[c.workload] = c.medians[b]!;
      return { name: sub.name, times };
    });
    const result = scorePool({ baseWorkloads: input.baseWorkloads, heldOutWorkloads: input.heldOutWorkloads, submissions }, settings);
    names.forEach((n, i) => (row[i] = result.scores[n]!));
    const r = competitionRanks(row);
    for (let i = 0; i < names.length; i++) {
      scores[i]![b] = row[i]!;
      ranks[i]![b] = r[i]!;
    }
  }
  return { scores, ranks };
}

/** The central `level` percentile interval of the non-NaN values, or null when there are none. */
function percentileInterval(values: Float64Array | Int32Array, level: number): [number, number] | null {
  const tail = (1 - level) / 2;
  const sorted = Array.from(
    Float64Array.from(values)
      .filter((v) => !Number.isNaN(v))
      .sort(),
  );
  if (sorted.length === 0) return null;
  return [quantileSorted(sorted, tail)!, quantileSorted(sorted, 1 - tail)!];
}

/** Share of resamples in which `a` scores strictly above `b`. */
function shareAbove(a: Float64Array, b: Float64Array): number {
  let above = 0;
  for (let k = 0; k < a.length; k++) if (a[k]! > b[k]!) above++;
  return above / a.length;
}

/**
 * Bootstrap over studies. Each resample draws, independently for every
 * submission x workload (base and held-out variants alike), as many studies
 * as it has, with replacement; takes their median with np.median semantics
 * (numpyMedian, docs/scoring.md §2.3); and scores the resampled pool with
 * scorePool, so the held-out rules, the 4x filter, the ratios to the
 * resampled pool's best and the profile integration (§3–§5) all apply
 * unchanged. The interval of a score (or rank) is the percentile interval of
 * its resampled values (np.percentile's default linear interpolation,
 * d3.quantileSorted).
 *
 * Deterministic: the draws of a cell come from its own generator seeded with
 * (seed, submission, workload), so the same seed gives identical results, and
 * a cell's resampled medians do not change when other members join the pool.
 */
export function bootstrapPool(input: StudyPoolInput, settings: Partial<ScoreSettings> = {}, options: Partial<BootstrapOptions> = {}): BootstrapResult {
  const opts: BootstrapOptions = { ...BOOTSTRAP_DEFAULTS, ...options };
  validateOptions(opts);
  const pool: PoolInput = { baseWorkloads: input.baseWorkloads, heldOutWorkloads: input.heldOutWorkloads, submissions: input.submissions, missValues: null };
  const point = scorePool(pool, settings);
  const names = input.submissions.map((s) => s.name);
  const pointScores = names.map((n) => point.scores[n]!);
  const pointRanks = competitionRanks(pointScores);
  const indexOf = new Map(names.map((n, i) => [n, i]));

  const cells = resampleCells(input, opts);
  const byMember = new Map<number, typeof cells>();
  for (const c of cells) {
    const list = byMember.get(c.member) ?? [];
    list.push(c);
    byMember.set(c.member, list);
  }
  const countOf = (i: number) => byMember.get(i)?.length ?? 0;

  if (cells.length === 0) {
    return {
      settings: point.settings,
      options: opts,
      available: false,
      reason:
        "No submission x workload of this pool has more than one study (one value per workload, like the paper's runtime fractions), " +
        "so the spread over studies is unknown and no interval can be computed.",
      resampledCells: 0,
      members: point.ranking.map((name) => {
        const i = indexOf.get(name)!;
        return { name, score: pointScores[i]!, rank: pointRanks[i]!, interval: null, rankInterval: null, resampledCells: 0, groups: [], aboveNext: null };
      }),
      groups: [],
    };
  }

  const { scores, ranks } = resampledScores(input, settings, byMember, opts.resamples);
  const percentiles = (values: Float64Array | Int32Array) => percentileInterval(values, opts.level);
  const intervals = names.map((_, i) => percentiles(scores[i]!));
  const groups = tiedGroups(
    names.flatMap((name, i) => {
      const iv = intervals[i];
      return iv ? [{ name, score: pointScores[i]!, lo: iv[0], hi: iv[1] }] : [];
    }),
  );
  const groupsOf = new Map<string, string[]>();
  for (const g of groups) for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.label]);

  const members = point.ranking.map((name, position): BootstrapMember => {
    const i = indexOf.get(name)!;
    const ranked = percentiles(ranks[i]!);
    const next = point.ranking[position + 1];
    const aboveNext = next === undefined ? null : shareAbove(scores[i]!, scores[indexOf.get(next)!]!);
    return {
      name,
      score: pointScores[i]!,
      rank: pointRanks[i]!,
      interval: intervals[i] ?? null,
      rankInterval: ranked ? [Math.floor(ranked[0]), Math.ceil(ranked[1])] : null,
      resampledCells: countOf(i),
      groups: groupsOf.get(name) ?? [],
      aboveNext,
    };
  });
  return { settings: point.settings, options: opts, available: true, reason: null, resampledCells: cells.length, members, groups };
}

function validateOptions(o: BootstrapOptions): void {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new RangeError(`seed must be an integer in [0, 4294967295], got ${o.seed}`);
  if (!Number.isInteger(o.resamples) || o.resamples < 1) throw new RangeError(`resamples must be an integer >= 1, got ${o.resamples}`);
  if (!(o.level > 0 && o.level < 1)) throw new RangeError(`level must be in (0, 1), got ${o.level}`);
}
