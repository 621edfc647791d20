// 50 clients upload 200 runs each at the same time, with overlaps (every run
// is sent by 5 clients, some of them creating the same new submissions at the
// same moment): exactly the expected set of runs is stored, each once, and
// the derived results agree with the runs.
import { afterAll, beforeAll, expect, test } from "vitest";
import { withDb } from "../support/db";
import { createRound, createToken, dropRound, unique, uploadRest, uploadTrpc, workload } from "../support/ingest";

const ROUND = unique("test-upload-concurrency");
const CLIENTS = 50;
const RUNS_PER_CLIENT = 200;
const SUBMISSIONS = ["c-a", "c-b", "c-c", "c-d", "c-e"];
const WORKLOADS = ["w1", "w2", "w3", "w4"];
const STUDIES = 10;
const TRIALS = 10;
// 5 × 4 × 10 × 10 = 2,000 identities; client c sends the 200 starting at 40·c, so each is sent 5 times.
const universe = SUBMISSIONS.flatMap((submission) =>
  WORKLOADS.flatMap((w) =>
    Array.from({ length: STUDIES * TRIALS }, (_, i) => ({ submission, workload: w, study: Math.floor(i / TRIALS), trial: (i % TRIALS) + 1 })),
  ),
);

/** The same content for an identity whoever sends it; every other run carries a client run id. */
function runOf(i: number): {
  submission: string;
  workload: string;
  study: number;
  trial: number;
  position: number;
  clientRunId?: string;
  timeToTarget: { reached: boolean; seconds?: number; firstHitIndex?: number };
} {
  const u = universe[i]!;
  const reached = i % 7 !== 0;
  return {
    ...u,
    position: u.trial - 1,
    ...(i % 2 === 0 ? { clientRunId: `${u.workload}/study_${u.study}/trial_${u.trial}` } : {}),
    timeToTarget: reached ? { reached: true, seconds: 10 + (i % 97), firstHitIndex: i % 13 } : { reached: false },
  };
}

/**
 * The derived cell of one submission x workload, written out from docs/scoring.md
 * §2 (not lib/ingest): in each study the best trial is the reached one with the
 * smallest first-hit index, ties to the lowest position; its time is the
 * study's (+inf when none reached); the cell's time is the median over studies
 * with numpy's semantics (an even count averages the two middle values).
 */
function naiveCell(runs: { study: number; trial: number; position: number; reached: boolean; timeSeconds: number | null; firstHitIndex: number | null }[]) {
  const studies = [...new Set(runs.map((r) => r.study))];
  const times = studies.map((study) => {
    const hits = runs.filter((r) => r.study === study && r.reached).sort((a, b) => a.firstHitIndex! - b.firstHitIndex! || a.position - b.position);
    return hits.length ? hits[0]!.timeSeconds! : Infinity;
  });
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    reached: Number.isFinite(median),
    timeSeconds: Number.isFinite(median) ? median : null,
    studies: studies.length,
    studiesHit: times.filter(Number.isFinite).length,
  };
}

let token: string;

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: STUDIES, trialsExpected: TRIALS, workloads: WORKLOADS.map((w) => workload(w, { budgetSeconds: 1000 })) });
  token = await createToken(unique("concurrency"));
});

afterAll(() => dropRound(ROUND));

test(`${CLIENTS} concurrent clients × ${RUNS_PER_CLIENT} overlapping runs store every run exactly once`, async () => {
  const payloads = Array.from({ length: CLIENTS }, (_, c) => {
    const indexes = Array.from({ length: RUNS_PER_CLIENT }, (_, k) => (40 * c + k) % universe.length);
    const runs = indexes.map(runOf);
    const slugs = [...new Set(runs.map((r) => r.submission))];
    return { round: ROUND, submissions: slugs.map((slug) => ({ slug, displayName: slug.toUpperCase() })), runs };
  });
  // Half through tRPC, half through the REST alias, all at once.
  const responses = await Promise.all(payloads.map((p, c) => (c % 2 === 0 ? uploadRest(p, token) : uploadTrpc(p, token))));
  for (const r of responses) expect([200, 201], JSON.stringify(r.body).slice(0, 1000)).toContain(r.status);

  const total = responses.reduce(
    (acc, r) => ({
      created: acc.created + r.body.counts.created,
      unchanged: acc.unchanged + r.body.counts.unchanged,
      replaced: acc.replaced + r.body.counts.replaced,
    }),
    { created: 0, unchanged: 0, replaced: 0 },
  );
  // Every identity created by exactly one client, every other copy reported unchanged.
  expect(total).toEqual({ created: universe.length, unchanged: CLIENTS * RUNS_PER_CLIENT - universe.length, replaced: 0 });
  const createdBy = new Map<string, number>();
  for (const r of responses) {
    for (const run of r.body.runs)
      if (run.status === "created")
        createdBy.set(
          `${run.submission}/${run.workload}/${run.study}/${run.trial}`,
          (createdBy.get(`${run.submission}/${run.workload}/${run.study}/${run.trial}`) ?? 0) + 1,
        );
  }
  expect(createdBy.size).toBe(universe.length);
  expect([...createdBy.values()].every((n) => n === 1)).toBe(true);

  const stored = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT s.slug AS submission, w.key AS workload, x.study, x.trial, x.position, x.reached, x."timeSeconds", x."firstHitIndex", x."clientRunId", x."submissionId", x."workloadId"
           FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Workload" w ON w.id = x."workloadId" WHERE x."roundId" = (SELECT id FROM "Round" WHERE slug = $1)`,
          [ROUND],
        )
      ).rows,
  );
  expect(stored).toHaveLength(universe.length);
  const key = (r: { submission: string; workload: string; study: number; trial: number }) => `${r.submission}/${r.workload}/${r.study}/${r.trial}`;
  expect(new Set(stored.map(key)).size).toBe(universe.length);
  const byKey = new Map(stored.map((r) => [key(r), r]));
  universe.forEach((u, i) => {
    const expected = runOf(i);
    const row = byKey.get(key(u))!;
    expect(row, key(u)).toMatchObject({
      reached: expected.timeToTarget.reached,
      timeSeconds: expected.timeToTarget.seconds ?? null,
      firstHitIndex: expected.timeToTarget.firstHitIndex ?? null,
      clientRunId: expected.clientRunId ?? null,
      position: expected.position,
    });
  });

  // One submission row each, created once; one accepted upload per client.
  const subs = await withDb(
    async (c) =>
      (await c.query(`SELECT slug, "displayName" FROM "Submission" WHERE "roundId" = (SELECT id FROM "Round" WHERE slug = $1) ORDER BY slug`, [ROUND])).rows,
  );
  expect(subs).toEqual(SUBMISSIONS.map((slug) => ({ slug, displayName: slug.toUpperCase() })));
  const uploads = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT outcome, count(*)::int AS n, sum(created)::int AS created FROM "Upload" WHERE "roundId" = (SELECT id FROM "Round" WHERE slug = $1) GROUP BY outcome`,
          [ROUND],
        )
      ).rows,
  );
  expect(uploads).toEqual([{ outcome: "accepted", n: CLIENTS, created: universe.length }]);

  // The derived cells were refreshed by the last writer of each submission and match all its runs.
  const results = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT "submissionId", "workloadId", reached, "timeSeconds", studies, "studiesHit" FROM "WorkloadResult" WHERE "roundId" = (SELECT id FROM "Round" WHERE slug = $1)`,
          [ROUND],
        )
      ).rows,
  );
  expect(results).toHaveLength(SUBMISSIONS.length * WORKLOADS.length);
  for (const r of results) {
    const runs = stored.filter((x) => x.submissionId === r.submissionId && x.workloadId === r.workloadId);
    expect(runs).toHaveLength(STUDIES * TRIALS);
    expect({ reached: r.reached, timeSeconds: r.timeSeconds, studies: r.studies, studiesHit: r.studiesHit }).toEqual(naiveCell(runs));
  }
});
