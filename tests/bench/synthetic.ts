// Synthetic data at scale for the benchmarks: rounds shaped like AlgoPerf v0.6
// external (8 workloads, 5 studies x 5 trials), filled with generate_series so
// a million runs take seconds, then the derived WorkloadResult rows computed
// by the same code as every real write (refreshResults).
import type { Db } from "@/lib/db/client";
import { refreshResults } from "@/lib/ingest/refresh-results";

export interface SyntheticOptions {
  /** Total runs to add (rounded up to whole submissions). */
  runs: number;
  submissionsPerRound?: number;
  /** PostgreSQL random() seed in [-1, 1], for repeatable data. */
  seed?: number;
  log?: (line: string) => void;
}

const STUDIES = 5;
const TRIALS = 5;

/** Adds synthetic rounds "synthetic-<n>" until `runs` runs exist in them; returns their slugs. */
export async function addSyntheticRuns(db: Db, options: SyntheticOptions): Promise<string[]> {
  const perRound = options.submissionsPerRound ?? 40;
  const template = await db.round.findUniqueOrThrow({
    where: { slug: "algoperf-v0.6-external" },
    include: { workloads: { where: { role: "base" }, orderBy: { position: "asc" } } },
  });
  const runsPerSubmission = template.workloads.length * STUDIES * TRIALS;
  let remaining = Math.ceil(options.runs / runsPerSubmission);
  const existing = await db.round.count({ where: { slug: { startsWith: "synthetic-" } } });
  const slugs: string[] = [];
  await db.$executeRawUnsafe(`SELECT setseed(${options.seed ?? 0.42})`);
  for (let r = existing; remaining > 0; r++) {
    const count = Math.min(perRound, remaining);
    remaining -= count;
    const slug = `synthetic-${String(r).padStart(5, "0")}`;
    slugs.push(slug);
    await db.$transaction(
      async (tx) => {
        const round = await tx.round.create({
          data: {
            slug,
            name: `Synthetic ${r}`,
            benchmarkVersion: "synthetic",
            ruleset: "external_tuning",
            timeBasis: "seconds",
            description: "Benchmark data",
            position: 1000 + r,
            studiesExpected: STUDIES,
            trialsExpected: TRIALS,
            workloads: {
              create: template.workloads.map(({ id: _id, roundId: _roundId, ...w }) => w),
            },
            submissions: {
              create: Array.from({ length: count }, (_, i) => ({
                slug: `sub-${i}`,
                displayName: `Synthetic ${r}.${i}`,
                source: "uploaded" as const,
                family: i % 3 ? "adaptive baseline" : "schedule-free",
              })),
            },
          },
        });
        // ~70% of trials reach the target somewhere in the budget; the eval index follows the time.
        await tx.$executeRawUnsafe(
          `INSERT INTO "Run" ("roundId", "submissionId", "workloadId", study, trial, position, reached, "timeSeconds", "timeFraction", "firstHitIndex", "contentHash", "updatedAt")
           SELECT $1, s.id, w.id, st, tr, tr - 1, x.reached,
                  CASE WHEN x.reached THEN w."budgetSeconds" * x.f END,
                  CASE WHEN x.reached THEN x.f END,
                  CASE WHEN x.reached THEN floor(x.f * 80)::int END,
                  md5(s.id || ':' || w.id || ':' || st || ':' || tr), now()
             FROM "Submission" s
             JOIN "Workload" w ON w."roundId" = s."roundId"
             CROSS JOIN generate_series(0, ${STUDIES - 1}) st
             CROSS JOIN generate_series(1, ${TRIALS}) tr
             CROSS JOIN LATERAL (SELECT random() < 0.7 AS reached, 0.1 + 0.85 * random() AS f) x
            WHERE s."roundId" = $1`,
          round.id,
        );
        const ids = (await tx.submission.findMany({ where: { roundId: round.id }, select: { id: true } })).map((s) => s.id);
        await refreshResults(tx, ids);
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    if (options.log && slugs.length % 25 === 0)
      options.log(`${slugs.length} rounds, ${(options.runs - remaining * runsPerSubmission).toLocaleString("en")} runs`);
  }
  return slugs;
}
