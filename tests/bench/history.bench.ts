// npm run bench:history – what history (docs/history.md) costs. Target (issue
// 18): the current view stays within 10% of its time before history. Here
// "before" is the same database after every run of the round was replaced 5
// times with the history triggers keeping nothing, and "after" is after 5
// more replacements keeping everything (5 × 3,700 kept runs and their
// results): the current view reads only the current tables, so it must not
// notice. Writes with and without keeping are timed too. Also: the bytes the history keeps per replaced run, and the
// time of a view pinned at the seed's version (informational).
import { pinnedDb } from "@/lib/db/pinned";
import { nextRoundVersion } from "@/lib/db/round-version";
import { refreshResults } from "@/lib/ingest/refresh-results";
import { scoreRound } from "@/lib/server/services/scores";
import { benchDatabase, measure, ratioLine, result, verdict } from "./harness";

const ROUND = "algoperf-v0.5-external";
const REPLACEMENTS = 5;

const bench = await benchDatabase();
process.env.DATABASE_URL = bench.url;
try {
  const round = await bench.db.round.findUniqueOrThrow({ where: { slug: ROUND }, select: { id: true, dataVersion: true } });
  const seedVersion = round.dataVersion;
  let points = 100;
  // A cache miss each time (a new grid size is a new pool view): the database read and the scoring.
  const currentView = () => measure(() => scoreRound(bench.db, ROUND, { points: points++ }), 300, 10);
  const runs = await bench.db.run.count({ where: { roundId: round.id } });
  const submissionIds = (await bench.db.submission.findMany({ where: { roundId: round.id }, select: { id: true } })).map((s) => s.id);
  /**
   * What an upload replacing every run does to the tables, 5 times: the version
   * first, then the writes. With keep = false the triggers keep nothing (as
   * before history), so both measurements follow the same churn of the
   * current tables, vacuumed as autovacuum would.
   */
  const replaceAll = async (keep: boolean) => {
    const t0 = performance.now();
    for (let i = 0; i < REPLACEMENTS; i++) {
      await bench.db.$transaction(
        async (tx) => {
          await nextRoundVersion(tx, round.id, { action: "replace", actor: "bench", runs });
          if (!keep) await tx.$executeRaw`SELECT set_config('algoperf.history', 'off', true)`;
          await tx.$executeRaw`UPDATE "Run" SET "timeSeconds" = "timeSeconds" WHERE "roundId" = ${round.id}`;
          await refreshResults(tx, submissionIds);
        },
        { timeout: 300_000 },
      );
    }
    await bench.db.$executeRawUnsafe(`VACUUM ANALYZE "Run", "WorkloadResult", "Submission"`);
    return (performance.now() - t0) / 1000;
  };
  // Warm-up (JIT, compute threads, connections): not counted.
  await currentView();
  const plainSeconds = await replaceAll(false);
  const before = await currentView();
  const writeSeconds = await replaceAll(true);
  const after = await currentView();

  const [sizes] = await bench.db.$queryRaw<{ run: bigint; history: bigint; results: bigint; kept: bigint }[]>`
    SELECT pg_total_relation_size('"Run"') AS run, pg_total_relation_size('"RunHistory"') AS history,
           pg_total_relation_size('"WorkloadResultHistory"') AS results, (SELECT count(*) FROM "RunHistory") AS kept`;
  const kept = Number(sizes!.kept);
  const perRun = (Number(sizes!.history) + Number(sizes!.results)) / kept;
  const pinned = pinnedDb(bench.url, { roundId: round.id, version: seedVersion });
  const pinnedView = await measure(() => scoreRound(pinned, ROUND, { points: points++ }), 50, 3);

  console.log(
    `current view of ${ROUND} (scores of the default pool, cache miss) after ${REPLACEMENTS} replacements of its ${runs} runs without history (${plainSeconds.toFixed(1)} s of writes) = baseline, then ${REPLACEMENTS} more keeping every state (${writeSeconds.toFixed(1)} s)`,
  );
  console.log(ratioLine("current view after history", after, before));
  console.log(ratioLine("view pinned at the seed's version", pinnedView, before));
  console.log(
    `kept states: ${kept} runs; ${(perRun / 1024).toFixed(2)} KiB per replaced run (run + its results), a current run takes ${(Number(sizes!.run) / runs / 1024).toFixed(2)} KiB`,
  );
  const ratio = after.median / before.median;
  console.log(verdict("current view within 10% of before", ratio <= 1.1, `${ratio.toFixed(3)}x`));
  result({
    bench: "history",
    name: "current view after 5 replacements of every run",
    target: "within 10% of before",
    measured: `${after.median.toFixed(2)} ms median`,
    ratio: `${ratio.toFixed(3)}x before (${before.median.toFixed(2)} ms)`,
    pass: ratio <= 1.1,
  });
  result({
    bench: "history",
    name: "replacing every run of the round, 5 times",
    target: null,
    measured: `${writeSeconds.toFixed(1)} s keeping every state`,
    ratio: `${(writeSeconds / plainSeconds).toFixed(2)}x without keeping (${plainSeconds.toFixed(1)} s)`,
    pass: null,
  });
  result({
    bench: "history",
    name: "storage per replaced run",
    target: null,
    measured: `${(perRun / 1024).toFixed(2)} KiB`,
    ratio: `${(perRun / (Number(sizes!.run) / runs)).toFixed(2)}x a current run`,
    pass: null,
  });
  result({
    bench: "history",
    name: "view pinned at the seed's version",
    target: null,
    measured: `${pinnedView.median.toFixed(2)} ms median`,
    ratio: `${(pinnedView.median / before.median).toFixed(2)}x current`,
    pass: null,
  });
  await pinned.$disconnect();
} finally {
  await bench.close();
  process.exit(0);
}
