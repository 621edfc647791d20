// Cost to target: GET /api/v1/rounds/<round>/cost?pricePerGpuHour=<x>
// (docs/analysis-tuning.md "Cost to target"). GPU-hours from the stored runs:
// time in seconds × Run.provenance.gpuCount; a missed trial's time is its last
// eval's (RunEvals, else Run.runSeconds: the seeded published rounds), unknown without either.
import "server-only";
import type { Db } from "@/lib/db/client";
import { lastValue } from "@/lib/db/eval-columns";
import { type CostParams } from "@/lib/server/schemas/analysis-cost";
import { costView, type CostTrial, type MemberCost } from "@/lib/scoring/analysis";
import type { AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, type LoadedPool } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

export interface CostReport extends Omit<AnalysisHead, "settings"> {
  pricePerGpuHour: number | null;
  members: (Omit<MemberCost, "name"> & { key: string })[];
  ranking: string[];
  mixedHardware: boolean;
  /** Members with no GPU count on some trial: their costs are null. */
  unknownGpuCount: string[];
}

interface CostRow {
  submissionId: number;
  workload: string;
  study: number;
  reached: boolean;
  timeSeconds: number | null;
  firstHitIndex: number | null;
  hardware: string | null;
  provenance: { gpuCount?: number | null; gpuModel?: string | null } | null;
  /** The last 8 bytes of RunEvals.times: null without evals. */
  lastTime: Uint8Array | null;
  runSeconds: number | null;
}

/** A run's hardware class: Run.hardware, or "<gpuCount>x <gpuModel>" from its provenance (meta_data_<n>.json); null = unknown. */
export function hardwareClass(hardware: string | null, provenance: CostRow["provenance"]): string | null {
  const gpuCount = provenance?.gpuCount ?? null;
  const model = provenance?.gpuModel ?? null;
  return hardware ?? (gpuCount !== null && model ? `${gpuCount}x ${model}` : null);
}

function costTrial(r: CostRow): CostTrial {
  // The eval's last time (its last 8 bytes, lib/db/eval-columns.ts), else the seeded published rounds' runSeconds.
  const lastEvalTime = lastValue(r.lastTime) ?? r.runSeconds;
  const gpuCount = r.provenance?.gpuCount ?? null;
  const hardware = hardwareClass(r.hardware, r.provenance);
  const hit = r.reached && r.timeSeconds !== null;
  return { hitTime: hit ? r.timeSeconds : null, hitIndex: hit ? r.firstHitIndex : null, lastEvalTime, gpuCount, hardware };
}

async function costMembers(db: Db, pool: LoadedPool) {
  const subs = await db.submission.findMany({
    where: { OR: pool.submissions.map((s) => ({ slug: s.slug, round: { slug: s.round } })) },
    select: { id: true, slug: true, round: { select: { slug: true } } },
  });
  const keyOf = new Map(subs.map((s) => [s.id, pool.submissions.find((p) => p.slug === s.slug && p.round === s.round.slug)!.key]));
  const rows = await db.$queryRaw<CostRow[]>`
    SELECT r."submissionId", w.key AS workload, r.study, r.reached, r."timeSeconds", r."firstHitIndex", r.hardware, r.provenance,
           substring(e.times FROM length(e.times) - 7) AS "lastTime", r."runSeconds"
    FROM "Run" r JOIN "Workload" w ON w.id = r."workloadId" LEFT JOIN "RunEvals" e ON e."runId" = r.id
    WHERE r."submissionId" = ANY(${subs.map((s) => s.id)}::int[])
    ORDER BY r.study, r.position, r.trial`;
  const byMember = new Map<string, Record<string, Map<number, CostTrial[]>>>();
  for (const r of rows) {
    const key = keyOf.get(r.submissionId)!;
    const workloads = byMember.get(key) ?? {};
    byMember.set(key, workloads);
    const studies = (workloads[r.workload] ??= new Map());
    studies.set(r.study, [...(studies.get(r.study) ?? []), costTrial(r)]);
  }
  return pool.submissions.map((s) => ({
    name: s.key,
    studies: Object.fromEntries(Object.entries(byMember.get(s.key) ?? {}).map(([w, m]) => [w, [...m.values()]])),
  }));
}

export async function costOfPool(db: Db, options: { round: string; query: ScoreQuery } & CostParams): Promise<CostReport> {
  const request = poolRequest(options.round, options.query);
  const price = options.pricePerGpuHour ?? null;
  return readPoolView(db, `cost|${price ?? ""}`, request, async (versions) => {
    const pool = await loadPool(db, request, versions);
    const members = await costMembers(db, pool);
    const view = costView(members, price);
    // No scoring here: the head without settings.
    return {
      round: pool.round,
      pool: pool.submissions.map((s) => s.key),
      includesUnverified: pool.submissions.some((s) => !s.verified),
      mixed: pool.mixed,
      displayNames: Object.fromEntries(pool.submissions.map((s) => [s.key, s.displayName])),
      pricePerGpuHour: price,
      members: view.members.map(({ name, ...m }) => ({ key: name, ...m })),
      ranking: view.ranking,
      mixedHardware: view.mixedHardware,
      unknownGpuCount: members.filter((m) => Object.values(m.studies).some((ss) => ss.some((s) => s.some((t) => t.gpuCount === null)))).map((m) => m.name),
    };
  });
}
