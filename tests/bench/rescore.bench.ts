// npm run bench:rescore – scoring a different pool of a loaded round end to end
// through the scores service (database read + scoring), every pool new to the
// cache. Target (issue "Performance at scale" 2): under 20 ms median for the
// AlgoPerf v0.5 external round. Baseline, same run and database: one trivial
// query (SELECT 1), i.e. the cost of any database round trip.
import { scoreRound } from "@/lib/server/services/scores";
import { benchDatabase, measure, ratioLine, result, verdict } from "./harness";

const ROUND = "algoperf-v0.5-external";
const TARGET_MS = 20;

const bench = await benchDatabase();
try {
  const slugs = (await bench.db.submission.findMany({ where: { round: { slug: ROUND } }, select: { slug: true }, orderBy: { slug: "asc" } })).map(
    (s) => s.slug,
  );
  // Every pool of 3+ members, visited in a fixed pseudo-random order: each one is a cache miss.
  const pools: string[][] = [];
  for (let mask = 0; mask < 1 << slugs.length; mask++) {
    const pool = slugs.filter((_, i) => mask & (1 << i));
    if (pool.length >= 3) pools.push(pool);
  }
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  for (let i = pools.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [pools[i], pools[j]] = [pools[j]!, pools[i]!];
  }
  const leaveOneOut = slugs.map((s) => slugs.filter((x) => x !== s));

  const baseline = await measure(() => bench.db.$queryRaw`SELECT 1`, 300, 20);
  let k = 0;
  const random = await measure(() => scoreRound(bench.db, ROUND, { pool: pools[k++ % pools.length] }), 300, 10);
  let m = 0;
  const loo = await measure(() => scoreRound(bench.db, ROUND, { pool: leaveOneOut[m++ % leaveOneOut.length], points: 100 + m }), 200, 5);
  const cachedHit = await measure(() => scoreRound(bench.db, ROUND, {}), 300, 5);

  console.log(`re-score pools of ${ROUND} (${slugs.length} submissions, 14 workloads incl. held-out variants) through lib/server/services/scores`);
  console.log("baseline = SELECT 1 through the same Prisma client");
  console.log(ratioLine("random pool, cache miss", random, baseline));
  console.log(ratioLine("leave-one-out pool, cache miss", loo, baseline));
  console.log(ratioLine("default pool, cache hit", cachedHit, baseline));
  const ok = random.median < TARGET_MS && loo.median < TARGET_MS;
  console.log(verdict(`re-score a new pool under ${TARGET_MS} ms median`, ok, `${random.median.toFixed(2)} / ${loo.median.toFixed(2)} ms`));
  result({
    bench: "rescore",
    name: `re-score a random pool of ${ROUND} (cache miss), median`,
    target: `< ${TARGET_MS} ms`,
    measured: `${random.median.toFixed(2)} ms (leave-one-out ${loo.median.toFixed(2)} ms)`,
    ratio: `${(random.median / baseline.median).toFixed(1)}x SELECT 1`,
    pass: ok,
  });
  process.exitCode = ok ? 0 : 1;
} finally {
  await bench.close();
}
