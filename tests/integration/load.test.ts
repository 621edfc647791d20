// Load and soak: many concurrent clients mix page and API reads with uploads
// against an app instance with the default write limits, each client behind
// its own address (as a reverse proxy reports it), ten clients per token. No
// answer may be anything but success or 429 (with Retry-After), and afterwards
// the round holds exactly the runs the answers acknowledged, each once.
// `npm test` runs a short form; `npm run test:load` the full one
// (LOAD_CLIENTS=100 LOAD_SECONDS=60).
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { createDb } from "@/lib/db/client";
import { createToken } from "@/lib/server/services/tokens";
import { withDb } from "../support/db";
import { createRound, dropRound, unique, workload } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 30);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CLIENTS_PER_TOKEN = 10;
const RUNS_PER_UPLOAD = 5;
const ROUND = unique("test-load");
const WORKLOADS = ["w1", "w2", "w3", "w4"];

let app: App;
let tokens: string[];

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: 1, trialsExpected: 1, workloads: WORKLOADS.map((w) => workload(w, { budgetSeconds: 1000 })) });
  const db = createDb(inject("databaseUrl"), { max: 2 });
  try {
    tokens = [];
    for (let t = 0; t < Math.ceil(CLIENTS / CLIENTS_PER_TOKEN); t++) tokens.push((await createToken(db, { name: unique(`load-${t}`), scope: "upload" })).token);
  } finally {
    await db.$disconnect();
  }
  // The default write limits (lib/server/rate-limit.ts), as in production; the clients stand
  // behind a local proxy, so X-Forwarded-For from 127.0.0.1 names each (TRUSTED_PROXIES).
  app = await startApp(inject("databaseUrl"), { RATE_LIMIT_PER_TOKEN: "", RATE_LIMIT_PER_IP: "", TRUSTED_PROXIES: "127.0.0.1" });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await dropRound(ROUND);
});

const READS = [
  "/",
  `/rounds/${ROUND}`,
  `/rounds/${ROUND}/profiles`,
  `/workloads/w1?round=${ROUND}`,
  `/api/v1/rounds/${ROUND}/scores`,
  `/api/v1/rounds/${ROUND}/leaderboard?format=csv`,
  "/rounds/algoperf-v0.5-external",
  "/api/v1/rounds/algoperf-v0.6-external/scores?points=50",
  "/api/health",
];

interface Tally {
  statuses: Map<string, number>;
  errors: string[];
  /** Run identity → id, as the answers acknowledged them. */
  acknowledged: Map<string, number>;
  retryAfterMissing: number;
}

async function client(c: number, deadline: number, tally: Tally): Promise<void> {
  const token = tokens[Math.floor(c / CLIENTS_PER_TOKEN)]!;
  const submission = `load-${Math.floor(c / CLIENTS_PER_TOKEN)}`;
  const address = `2001:db8:10ad::${(c + 1).toString(16)}`;
  const sent: unknown[][] = [];
  let next = 0;
  const count = (key: string) => tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
  while (Date.now() < deadline) {
    if (Math.random() < 0.6) {
      const path = READS[Math.floor(Math.random() * READS.length)]!;
      const res = await fetch(`${app.baseUrl}${path}`, { headers: { "x-forwarded-for": address } });
      await res.arrayBuffer();
      count(`read ${res.status}`);
      if (res.status !== 200) tally.errors.push(`GET ${path}: ${res.status}`);
      continue;
    }
    // A new batch, or now and then one sent before (a client unsure whether it got through).
    const resend = sent.length > 0 && Math.random() < 0.2;
    const runs = resend
      ? sent[Math.floor(Math.random() * sent.length)]!
      : Array.from({ length: RUNS_PER_UPLOAD }, () => {
          const k = next++;
          return { submission, workload: WORKLOADS[k % WORKLOADS.length]!, study: c, trial: Math.floor(k / WORKLOADS.length) + 1, timeToTarget: { reached: true, seconds: 100 + ((c * 37 + k) % 500) } };
        });
    if (!resend) sent.push(runs);
    const res = await fetch(`${app.baseUrl}/api/v1/runs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-forwarded-for": address },
      body: JSON.stringify({ round: ROUND, submissions: [{ slug: submission }], runs }),
    });
    const body = (await res.json()) as { runs?: { submission: string; workload: string; study: number; trial: number; id: number; status: string }[] };
    count(`upload ${res.status}`);
    if (res.status === 200 || res.status === 201) {
      for (const r of body.runs!) {
        const key = `${r.submission}/${r.workload}/${r.study}/${r.trial}`;
        const known = tally.acknowledged.get(key);
        if (known !== undefined && known !== r.id) tally.errors.push(`${key} acknowledged as run ${known} and as run ${r.id}`);
        tally.acknowledged.set(key, r.id);
      }
    } else if (res.status === 429) {
      if (!/^\d+$/.test(res.headers.get("retry-after") ?? "")) tally.retryAfterMissing++;
    } else {
      tally.errors.push(`POST /api/v1/runs: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
  }
}

test(`${CLIENTS} clients reading and uploading for ${SECONDS} s: only 2xx and 429, every acknowledged run stored exactly once`, async () => {
  const tally: Tally = { statuses: new Map(), errors: [], acknowledged: new Map(), retryAfterMissing: 0 };
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c, deadline, tally)));
  console.log(`[load] ${CLIENTS} clients, ${SECONDS} s: ${[...tally.statuses].sort().map(([k, n]) => `${k}: ${n}`).join(", ")}; ${tally.acknowledged.size} runs acknowledged`);

  // The server's own account of a failure, next to the failed requests.
  expect(tally.errors.slice(0, 20), app.log().split("\n").filter((l) => /error|Error/.test(l)).slice(-40).join("\n")).toEqual([]);
  expect(tally.retryAfterMissing).toBe(0);
  expect(tally.statuses.get("read 200") ?? 0).toBeGreaterThan(CLIENTS);
  expect(tally.acknowledged.size).toBeGreaterThan(0);

  const stored = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT s.slug, w.key, x.study, x.trial, x.id FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Workload" w ON w.id = x."workloadId" JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1`,
          [ROUND],
        )
      ).rows,
  );
  const storedMap = new Map(stored.map((r) => [`${r.slug}/${r.key}/${r.study}/${r.trial}`, r.id as number]));
  // Once each (no identity twice), and exactly the acknowledged ones: nothing from a 429 or a lost request.
  expect(storedMap.size).toBe(stored.length);
  expect(storedMap).toEqual(tally.acknowledged);
}, (SECONDS + 180) * 1000);
