// Workload-set robustness: does a ranking rest on one workload? Every score
// here is scorePool's; the workload set is the only thing that changes.
import { quantileSorted } from "d3";
import { baseWorkloadOf } from "../held-out";
import { scorePool } from "../pool";
import type { PoolInput, ResolvedSettings, ScoreSettings, SubmissionTimes } from "../types";
import { bootstrapPool, type StudyPoolInput } from "./bootstrap";
import { fnv1a, seededIndex } from "./random";
import { competitionRanks, ranksOf } from "./ranks";

/**
 * The pool scored without one base workload: it leaves the base list (N
 * drops by one, so every profile is renormalised to the remaining workloads,
 * docs/scoring.md §4.5), and its column and its held-out variants (§3.3) leave
 * every member's times, so they can neither disqualify nor act as a variant.
 */
export function poolWithoutWorkload(input: PoolInput, workload: string): PoolInput {
  if (!input.baseWorkloads.includes(workload)) throw new Error(`"${workload}" is not a base workload of the pool`);
  const base = input.baseWorkloads.filter((w) => w !== workload);
  const gone = (w: string) => w === workload || (!input.baseWorkloads.includes(w) && baseWorkloadOf(w, input.baseWorkloads) === workload);
  const heldOut = input.heldOutWorkloads.filter((w) => !gone(w));
  // An emptied held-out list would mean "every non-base column is a variant"
  // (§3.2): keep only the base columns then, so nothing new becomes a variant.
  const keep = heldOut.length === 0 && input.heldOutWorkloads.length > 0 ? (w: string) => base.includes(w) : (w: string) => !gone(w);
  return {
    baseWorkloads: base,
    heldOutWorkloads: heldOut,
    submissions: input.submissions.map((s) => ({ name: s.name, times: Object.fromEntries(Object.entries(s.times).filter(([w]) => keep(w))) })),
    missValues: null,
  };
}

export interface LeaveOutResult {
  workload: string;
  scores: Record<string, number>;
  ranks: Record<string, number>;
  ranking: string[];
  /** rho_s(tau) over the remaining workloads, on `tau`. */
  profiles: Record<string, number[]>;
  tau: number[];
}

/** scorePool of the pool without each base workload in turn. */
export function leaveOneWorkloadOut(input: PoolInput, settings: Partial<ScoreSettings> = {}): LeaveOutResult[] {
  const names = input.submissions.map((s) => s.name);
  return input.baseWorkloads.map((workload) => {
    const r = scorePool(poolWithoutWorkload(input, workload), settings);
    return { workload, scores: r.scores, ranks: ranksOf(r.scores, names), ranking: r.ranking, profiles: r.profiles, tau: r.tau };
  });
}

/**
 * One resample of the base workloads with replacement, as a pool scorePool
 * takes as is: the k-th draw of workload w becomes the column "#k:w" and its
 * variants "#k:<variant>", so a workload drawn twice counts twice in N and in
 * the profile (§4.5) while its 4x filter, ratios and held-out rules (§3) are
 * those of its own column. "#k:<variant>" contains "#k:w" and no other
 * draw's name, so baseWorkloadOf maps it as the original (§3.3).
 */
export function poolWithWorkloads(input: PoolInput, draw: readonly string[]): PoolInput {
  const names = draw.map((w, k) => `#${k}:${w}`);
  const columns = new Set(input.submissions.flatMap((s) => Object.keys(s.times)));
  const variantsOf = (w: string) =>
    [...columns].filter(
      (v) =>
        !input.baseWorkloads.includes(v) &&
        (input.heldOutWorkloads.length === 0 || input.heldOutWorkloads.includes(v)) &&
        baseWorkloadOf(v, input.baseWorkloads) === w,
    );
  const variants = draw.map((w, k) => variantsOf(w).map((v) => [v, `#${k}:${v}`] as const));
  const heldOut = input.heldOutWorkloads.length === 0 ? [] : variants.flat().map(([, renamed]) => renamed);
  const submissions = input.submissions.map((s): SubmissionTimes => {
    const times: Record<string, number> = {};
    draw.forEach((w, k) => {
      if (w in s.times) times[names[k]!] = s.times[w]!;
      for (const [v, renamed] of variants[k]!) if (v in s.times) times[renamed] = s.times[v]!;
    });
    return { name: s.name, times };
  });
  // A listed variant no member of this draw has would be a KeyError (§3.2): list only present ones.
  const present = new Set(submissions.flatMap((s) => Object.keys(s.times)));
  return { baseWorkloads: names, heldOutWorkloads: heldOut.filter((v) => present.has(v)), submissions, missValues: null };
}

export interface RobustnessOptions {
  seed: number;
  resamples: number;
  level: number;
}

export interface RobustnessMember {
  name: string;
  score: number;
  rank: number;
  /** Per base workload removed: the score and rank. */
  leaveOut: Record<string, { score: number; rank: number }>;
  /** Base workloads whose removal changes this member's rank. */
  dependsOn: string[];
  /** "rank stable under any one workload removed" or "depends on <workloads>". */
  verdict: string;
  /** Percentile intervals of score and rank under each bootstrap (null without resampling). */
  studies: { interval: [number, number] | null; rankInterval: [number, number] | null };
  workloads: { interval: [number, number] | null; rankInterval: [number, number] | null };
}

export interface AdjacentPair {
  upper: string;
  lower: string;
  /** Share of resamples in which `upper` scores strictly above `lower`. */
  keptByStudies: number | null;
  keptByWorkloads: number;
  /** Base workloads whose removal leaves `upper` no longer strictly above `lower`. */
  changedBy: string[];
}

export interface RobustnessResult {
  settings: ResolvedSettings;
  options: RobustnessOptions;
  workloads: string[];
  /** In point-ranking order (score descending, §5.4). */
  members: RobustnessMember[];
  pairs: AdjacentPair[];
  leaveOut: LeaveOutResult[];
  /** Whether the bootstrap over studies had anything to resample (some cell with >= 2 studies). */
  studiesResampled: boolean;
}

/**
 * Leave-one-workload-out, a bootstrap over workloads (each resample draws
 * the N base workloads with replacement, from one generator seeded with
 * fnv1a(seed, "workloads")), and bootstrapPool's bootstrap over studies
 * with the same seed, side by side: which source of uncertainty separates
 * adjacent ranks.
 */
export function workloadRobustness(input: StudyPoolInput, settings: Partial<ScoreSettings> = {}, options: RobustnessOptions): RobustnessResult {
  const point = scorePool({ ...input, missValues: null }, settings);
  const names = input.submissions.map((s) => s.name);
  const pointRanks = ranksOf(point.scores, names);
  const leaveOut = leaveOneWorkloadOut(input, settings);
  const studies = bootstrapPool(input, settings, options);

  const base = input.baseWorkloads;
  const next = seededIndex(fnv1a(`${options.seed}\u0000workloads`), base.length);
  const scores = names.map(() => new Float64Array(options.resamples));
  const ranks = names.map(() => new Float64Array(options.resamples));
  for (let r = 0; r < options.resamples; r++) {
    const draw = base.map(() => base[next()]!);
    const result = scorePool(poolWithWorkloads(input, draw), settings);
    const row = names.map((n) => result.scores[n]!);
    const rk = competitionRanks(row);
    names.forEach((_, i) => {
      scores[i]![r] = row[i]!;
      ranks[i]![r] = rk[i]!;
    });
  }
  const tail = (1 - options.level) / 2;
  const percentiles = (values: Float64Array): [number, number] | null => {
    const sorted = Array.from(values.filter((v) => !Number.isNaN(v))).sort((a, b) => a - b);
    return sorted.length === 0 ? null : [quantileSorted(sorted, tail)!, quantileSorted(sorted, 1 - tail)!];
  };
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const byStudies = new Map(studies.members.map((m) => [m.name, m]));

  const members = point.ranking.map((name): RobustnessMember => {
    const i = indexOf.get(name)!;
    const dependsOn = leaveOut.filter((l) => l.ranks[name] !== pointRanks[name]).map((l) => l.workload);
    const rk = percentiles(ranks[i]!);
    const s = byStudies.get(name)!;
    return {
      name,
      score: point.scores[name]!,
      rank: pointRanks[name]!,
      leaveOut: Object.fromEntries(leaveOut.map((l) => [l.workload, { score: l.scores[name]!, rank: l.ranks[name]! }])),
      dependsOn,
      verdict: verdictOf(dependsOn),
      studies: { interval: s.interval, rankInterval: s.rankInterval },
      workloads: { interval: percentiles(scores[i]!), rankInterval: rk ? [Math.floor(rk[0]), Math.ceil(rk[1])] : null },
    };
  });

  const pairs = point.ranking.slice(0, -1).map((upper, p): AdjacentPair => {
    const lower = point.ranking[p + 1]!;
    const a = scores[indexOf.get(upper)!]!;
    const b = scores[indexOf.get(lower)!]!;
    let kept = 0;
    for (let r = 0; r < options.resamples; r++) if (a[r]! > b[r]!) kept++;
    return {
      upper,
      lower,
      keptByStudies: studies.available ? byStudies.get(upper)!.aboveNext : null,
      keptByWorkloads: kept / options.resamples,
      changedBy: leaveOut.filter((l) => !(l.scores[upper]! > l.scores[lower]!)).map((l) => l.workload),
    };
  });
  return { settings: point.settings, options, workloads: [...base], members, pairs, leaveOut, studiesResampled: studies.available };
}

/** The one-line verdict the leaderboard shows per row. */
export function verdictOf(dependsOn: readonly string[]): string {
  return dependsOn.length === 0 ? "rank stable under any one workload removed" : `depends on ${dependsOn.join(", ")}`;
}
