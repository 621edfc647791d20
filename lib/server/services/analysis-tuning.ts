// Tuning budget: GET /api/v1/rounds/<round>/tuning and its page
// (docs/analysis-tuning.md). Score vs k (trials per study) for every member,
// per-workload curves, and from which k a reference restricted to k trials
// beats each member at its full budget.
import "server-only";
import type { Db } from "@/lib/db/client";
import { type TuningParams } from "@/lib/server/schemas/analysis-tuning";
import type { TrialHit } from "@/lib/scoring";
import { tuningView, type ReferenceAnswer, type TrialMember, type TuningSeries } from "@/lib/scoring/analysis";
import { badParameter } from "@/lib/server/errors";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { hardwareClass } from "./analysis-cost";
import { loadPool, OUTCOME_SELECT, poolRequest, readPoolView, scoringOrBadRequest, type LoadedPool } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

export interface TuningReport extends AnalysisHead {
  ks: number[];
  series: (Omit<TuningSeries, "name"> & { key: string })[];
  /** Hardware classes of each member's trials ("unknown" without any): beside the times. */
  hardware: Record<string, string[]>;
  /** The member restricted to k trials in `answers` (null: none given and no "baseline" in the pool). */
  baseline: string | null;
  answers: (Omit<ReferenceAnswer, "name"> & { key: string })[];
}

/** Every trial of every member, per workload and study, in listing order (position, then trial), and each member's hardware classes. */
async function trialMembers(db: Db, pool: LoadedPool): Promise<{ members: TrialMember[]; hardware: Record<string, string[]> }> {
  const subs = await db.submission.findMany({
    where: { OR: pool.submissions.map((s) => ({ slug: s.slug, round: { slug: s.round } })) },
    select: { id: true, slug: true, round: { select: { slug: true } } },
  });
  const keyOf = new Map(subs.map((s) => [s.id, pool.submissions.find((p) => p.slug === s.slug && p.round === s.round.slug)!.key]));
  const runs = await db.run.findMany({
    where: { submissionId: { in: subs.map((s) => s.id) } },
    select: { ...OUTCOME_SELECT, study: true, trial: true, position: true, firstHitIndex: true, hardware: true, provenance: true },
    orderBy: [{ study: "asc" }, { position: "asc" }, { trial: "asc" }],
  });
  const seconds = pool.round.timeBasis === "seconds";
  const byMember = new Map<string, Record<string, Map<number, TrialHit[]>>>();
  const hardware = new Map<string, Set<string>>();
  for (const r of runs) {
    const key = keyOf.get(r.submissionId)!;
    hardware.set(key, (hardware.get(key) ?? new Set()).add(hardwareClass(r.hardware, r.provenance as Parameters<typeof hardwareClass>[1]) ?? "unknown"));
    const workloads = byMember.get(key) ?? {};
    byMember.set(key, workloads);
    const studies = (workloads[r.workload.key] ??= new Map());
    const time = seconds ? r.timeSeconds : r.timeFraction;
    // As lib/ingest/refresh-results.ts: a hit needs a time on the round's basis.
    const hit: TrialHit = r.reached && time !== null ? { hitIndex: r.firstHitIndex, hitTime: time } : { hitIndex: null, hitTime: null };
    studies.set(r.study, [...(studies.get(r.study) ?? []), hit]);
  }
  const members = pool.input.submissions.map((s) => {
    const workloads = byMember.get(s.name) ?? {};
    const studies: Record<string, TrialHit[][]> = {};
    // Workloads without runs stay in the pool as no data (NaN), as loadPool scores them.
    for (const w of Object.keys(s.times)) studies[w] = [...(workloads[w]?.values() ?? [])];
    return { name: s.name, studies };
  });
  return { members, hardware: Object.fromEntries(pool.submissions.map((s) => [s.key, [...(hardware.get(s.key) ?? [])].sort()])) };
}

export async function tuningOfPool(db: Db, options: { round: string; query: ScoreQuery } & TuningParams): Promise<TuningReport> {
  const request = poolRequest(options.round, options.query);
  return readPoolView(db, `tuning|${options.baseline ?? ""}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    const keys = pool.submissions.map((s) => s.key);
    if (options.baseline !== undefined && !keys.includes(options.baseline)) {
      throw badParameter("baseline", `"${options.baseline}" is not in the pool; members: ${keys.join(", ")}`, "not a pool member");
    }
    const baseline = options.baseline ?? (keys.includes("baseline") ? "baseline" : null);
    const { members, hardware } = await trialMembers(db, pool);
    const input = { baseWorkloads: pool.input.baseWorkloads, heldOutWorkloads: pool.input.heldOutWorkloads, members };
    const view = scoringOrBadRequest(() => tuningView(input, pool.settings, baseline));
    return {
      ...analysisHead(pool, view.settings),
      ks: view.ks,
      series: view.series.map(({ name, ...s }) => ({ key: name, ...s })),
      hardware,
      baseline,
      answers: view.answers.map(({ name, ...a }) => ({ key: name, ...a })),
    };
  });
}
