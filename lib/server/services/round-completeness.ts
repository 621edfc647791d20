// How complete each submission of a round is (runs found / expected, studies),
// for the badges wherever a submission is ranked (issue 15). The same rules as
// the upload answer (lib/ingest/completeness.ts); scoring does not enforce
// counts (docs/scoring.md §2.5: the official code only warns).
import "server-only";
import type { Db } from "@/lib/db/client";
import { completeness } from "@/lib/ingest/completeness";
import { cached } from "@/lib/server/cache";
import type { RoundCatalog } from "./catalog";

export interface CompletenessBadge {
  complete: boolean;
  runs: number;
  expectedRuns: number;
  /** Distinct study numbers with at least one run on an expected workload. */
  studies: number;
  studiesExpected: number;
  /** What is missing, one line per workload. */
  missing: string[];
}

/** Per submission slug of the catalog; one grouped query per data version. */
export function roundCompleteness(db: Db, catalog: RoundCatalog): Promise<Map<string, CompletenessBadge>> {
  const { round, workloads, submissions } = catalog;
  return cached(`completeness|${round.slug}@${round.dataVersion}`, async () => {
    const groups = await db.run.groupBy({ by: ["submissionId", "workloadId", "study"], where: { roundId: round.id }, _count: { _all: true } });
    const keys = await db.workload.findMany({ where: { roundId: round.id }, select: { id: true, key: true } });
    const workloadKey = new Map(keys.map((w) => [w.id, w.key]));
    const runsOf = new Map<number, { workload: string; study: number; trial: number }[]>();
    for (const g of groups) {
      const list = runsOf.get(g.submissionId) ?? [];
      // One run per submission × workload × study × trial (a unique key), so the count is the number of trials.
      for (let t = 0; t < g._count._all; t++) list.push({ workload: workloadKey.get(g.workloadId) ?? "", study: g.study, trial: t });
      runsOf.set(g.submissionId, list);
    }
    const shape = { studiesExpected: round.studiesExpected, trialsExpected: round.trialsExpected, workloads };
    const expected = new Set(workloads.filter((w) => w.role === "base" || w.role === "held_out").map((w) => w.key));
    const out = new Map<string, CompletenessBadge>();
    for (const s of submissions) {
      const runs = runsOf.get(s.id) ?? [];
      const c = completeness(s.slug, shape, runs);
      const studies = new Set(runs.filter((r) => expected.has(r.workload)).map((r) => r.study)).size;
      out.set(s.slug, {
        complete: c.complete,
        runs: c.presentRuns,
        expectedRuns: c.expected.runs,
        studies,
        studiesExpected: round.studiesExpected,
        missing: c.missing,
      });
    }
    return out;
  });
}
