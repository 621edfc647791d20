// The paper view: Kasimbeg et al. 2025's Table 6 and Appendix F recomputed
// from the stored runtime fractions, side by side with the published values
// (kept in Submission.extra by the seed), and its Table 4/5 metrics.
// Table 6 is scored in the 36-configuration pool of Appendix E, Appendix F in
// the same pool plus the imported Schedule-Free AdamW row (PAPER_NOTES.md).
import "server-only";
import type { Db } from "@/lib/db/client";
import type { Integration, ResolvedSettings } from "@/lib/scoring";
import { roundCatalog, type WorkloadInfo } from "@/lib/server/services/catalog";
import { getLeaderboard, type Leaderboard } from "@/lib/server/services/leaderboard";
import { DESCRIPTION_FIELDS, selectOf } from "@/lib/submission-fields";
import { EMPTY_QUERY } from "@/lib/views/query";
import { PAPER_ROUND } from "@/lib/views/routes";
import { PAPER_WORKLOAD_KEYS } from "@/ingest/published/workloads";

export { PAPER_ROUND };

interface Extra {
  appendixE?: { score: number; targetsHit: number };
  table6?: { displayName: string; score: number };
  appendixF?: { score: number; targetsHit?: number };
  appendixC?: { score: number; selectedAsBaseline: boolean };
  table4?: { validationMetric: Record<string, number>; targetReachedByDisplayedValue: Record<string, string> };
  alignment?: string;
}

export interface PaperRow {
  slug: string;
  displayName: string;
  baseAlgorithm: string | null;
  horizon: number | null;
  searchRank: number | null;
  source: string;
  /** Scored without / with the imported row (null when not a member of that pool). */
  without: { score: number; rank: number; targetsHit: number } | null;
  with: { score: number; rank: number; targetsHit: number } | null;
  /** with − without. */
  delta: number | null;
  published: { appendixE: number | null; table6: number | null; table6Name: string | null; appendixF: number | null };
  alignment: string | null;
}

/** A metric column of Tables 4 and 5, in the paper's units (ImageNet as error rate). */
export interface PaperMetricColumn {
  key: string;
  label: string;
  direction: "min" | "max";
  target: number;
}

export interface PaperView {
  integration: Integration;
  settings: { without: ResolvedSettings | null; with: ResolvedSettings | null };
  imported: { slug: string; displayName: string }[];
  /** The 36 configurations in Appendix E order, then the imported row(s). */
  rows: PaperRow[];
  table4: {
    columns: PaperMetricColumn[];
    rows: { slug: string; displayName: string; family: string | null; values: Record<string, { value: number; reached: string }> }[];
  };
  table5: { columns: PaperMetricColumn[]; rows: { slug: string; displayName: string; values: Record<string, number | null> }[] };
}

const PAPER_KEY_OF = Object.fromEntries(Object.entries(PAPER_WORKLOAD_KEYS).map(([paper, key]) => [key, paper]));

/** The paper prints ImageNet as error rate; the workloads are scored on accuracy = 1 − ER (docs/scoring.md §6). */
const printedAsErrorRate = (w: WorkloadInfo) => w.metricName === "validation/accuracy";
const toPaperUnits = (w: WorkloadInfo, v: number) => (printedAsErrorRate(w) ? Number((1 - v).toFixed(6)) : v);

function metricColumns(workloads: WorkloadInfo[]): PaperMetricColumn[] {
  return workloads.map((w) => ({
    key: w.key,
    label: `${w.displayName} (${printedAsErrorRate(w) ? "ER" : (w.metricLabel ?? w.metricName)})`,
    direction: printedAsErrorRate(w) ? "min" : w.direction,
    target: toPaperUnits(w, w.target),
  }));
}

const standing = (lb: Leaderboard, slug: string) => {
  const r = lb.rows.find((x) => x.slug === slug);
  return r ? { score: r.score, rank: r.rank, targetsHit: r.targetsHit } : null;
};

export async function getPaperView(db: Db, integration: Integration = "exact"): Promise<PaperView> {
  const catalog = await roundCatalog(db, PAPER_ROUND);
  const imported = catalog.submissions.filter((s) => s.source === "imported" && !s.inDefaultPool);
  const [without, withImported, subs] = await Promise.all([
    getLeaderboard(db, PAPER_ROUND, { ...EMPTY_QUERY, integration }),
    getLeaderboard(db, PAPER_ROUND, { ...EMPTY_QUERY, integration, add: imported.map((s) => s.slug) }),
    // Seed order = the paper's row order (Appendix E, then the imported row, then Table 4).
    db.submission.findMany({
      where: { roundId: catalog.round.id, hidden: false },
      orderBy: { id: "asc" },
      select: { id: true, slug: true, ...selectOf(DESCRIPTION_FIELDS), source: true, inDefaultPool: true, extra: true },
    }),
  ]);
  const scored = subs.filter((s) => s.inDefaultPool || imported.some((i) => i.slug === s.slug));
  const rows: PaperRow[] = scored.map((s) => {
    const extra = (s.extra ?? {}) as Extra;
    const a = standing(without, s.slug);
    const b = standing(withImported, s.slug);
    return {
      slug: s.slug,
      displayName: s.displayName,
      baseAlgorithm: s.baseAlgorithm,
      horizon: s.horizon,
      searchRank: s.searchRank,
      source: s.source,
      without: a,
      with: b,
      delta: a && b ? b.score - a.score : null,
      published: {
        appendixE: extra.appendixE?.score ?? null,
        table6: extra.table6?.score ?? null,
        table6Name: extra.table6?.displayName ?? null,
        appendixF: extra.appendixF?.score ?? null,
      },
      alignment: extra.alignment ?? null,
    };
  });

  const workloads = catalog.workloads.filter((w) => w.role === "base");
  const columns = metricColumns(workloads);
  const table4 = table4Of(subs, workloads, columns);

  const table5 = await table5Of(db, subs, workloads, columns);

  return {
    integration,
    settings: { without: without.settings, with: withImported.settings },
    imported: imported.map((s) => ({ slug: s.slug, displayName: s.displayName })),
    rows,
    table4,
    table5,
  };
}

type PaperSubmissionRow = { id: number; slug: string; displayName: string; family: string | null; extra: unknown };

/** Table 4: the naive configurations' validation metrics, as the paper prints them. */
function table4Of(subs: PaperSubmissionRow[], workloads: WorkloadInfo[], columns: PaperMetricColumn[]) {
  const naive = subs.filter((s) => (s.extra as Extra | null)?.table4);
  return {
    columns,
    rows: naive.map((s) => {
      const t4 = (s.extra as Extra).table4!;
      const values: Record<string, { value: number; reached: string }> = {};
      for (const w of workloads) {
        const paperKey = PAPER_KEY_OF[w.key];
        const value = paperKey === undefined ? undefined : t4.validationMetric[paperKey];
        if (value !== undefined) values[w.key] = { value, reached: t4.targetReachedByDisplayedValue[paperKey!] ?? "unknown" };
      }
      return { slug: s.slug, displayName: s.displayName.replace(/ \(naive\)$/, ""), family: s.family, values };
    }),
  };
}

/** Table 5: best validation metric of the 12 selected configurations, stored as their runs' bestMetric. */
async function table5Of(db: Db, subs: PaperSubmissionRow[], workloads: WorkloadInfo[], columns: PaperMetricColumn[]) {
  const selected = subs.filter((s) => (s.extra as Extra | null)?.table6);
  const runs = await db.run.findMany({
    where: { submissionId: { in: selected.map((s) => s.id) } },
    select: { submissionId: true, bestMetric: true, workload: { select: { key: true } } },
  });
  return {
    columns,
    rows: selected.map((s) => {
      const values: Record<string, number | null> = {};
      for (const w of workloads) {
        const r = runs.find((x) => x.submissionId === s.id && x.workload.key === w.key);
        values[w.key] = r?.bestMetric === null || r?.bestMetric === undefined ? null : toPaperUnits(w, r.bestMetric);
      }
      return { slug: s.slug, displayName: (s.extra as Extra).table6!.displayName, values };
    }),
  };
}
