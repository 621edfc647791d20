// Load and soak: many concurrent clients mix page and API reads with uploads
// against an app instance with the default write limits, each client behind
// its own address (as a reverse proxy reports it), ten clients per token. No
// answer may be anything but success or 429 (with Retry-After), and afterwards
// the round holds exactly the runs the answers acknowledged, each once.
// Beside them runs a hostile mix (issue 13): maximum-cost analysis requests,
// anonymous bodies that stall after 31 MiB and anonymous tRPC batch floods;
// they may only get 200, 4xx or counted 503s, and /api/health is probed
// throughout: its p99 is printed, and bounded (250 ms) in test:load only.
// `npm test` runs a short form; `npm run test:load` the full one
// (LOAD_CLIENTS=100 LOAD_SECONDS=60).
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { createDb } from "@/lib/db/create-db";
import { createToken } from "@/lib/server/services/tokens";
import { withDb } from "../support/db";
import { maxCostAnalyses, stalledUpload } from "../support/hostile";
import { createRound, dropRound, unique, workload } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 30);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
/** `npm run test:load` (LOAD_SECONDS set) asserts the latency target; the short run only prints it. */
const FULL = process.env.LOAD_SECONDS !== undefined;
const [analyses, stalled, flooders] = (process.env.LOAD_HOSTILE ?? (FULL ? "20,60,5" : "2,10,1")).split(",").map(Number);
/** Hostile clients beside the normal ones; LOAD_HOSTILE="analyses,stalled,flooders" overrides them. */
const HOSTILE = { analyses: analyses!, stalled: stalled!, flooders: flooders! };
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
          return {
            submission,
            workload: WORKLOADS[k % WORKLOADS.length]!,
            study: c,
            trial: Math.floor(k / WORKLOADS.length) + 1,
            timeToTarget: { reached: true, seconds: 100 + ((c * 37 + k) % 500) },
          };
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

interface Hostile {
  statuses: Map<string, number>;
  errors: string[];
  health: number[];
}

const countIn = (h: Hostile, key: string) => h.statuses.set(key, (h.statuses.get(key) ?? 0) + 1);

/** Maximum-cost analysis requests (uncertainty, robustness, speedups, compare in turn; new seeds, points=10000, at the cost cap of 50,000,000 or the largest resamples), `n` at a time. */
async function analysisStorm(n: number, deadline: number, h: Hostile): Promise<void> {
  const next = await maxCostAnalyses(app.baseUrl, "algoperf-v0.5-external", 10_000);
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      while (Date.now() < deadline) {
        const res = await fetch(`${app.baseUrl}${next()}`, {
          headers: { "x-forwarded-for": `2001:db8:bad::${(i % 10) + 1}` },
        });
        await res.arrayBuffer();
        countIn(h, `analysis ${res.status}`);
        if (![200, 429, 503].includes(res.status)) h.errors.push(`analysis: ${res.status}`);
        else if (res.status !== 200 && !/^\d+$/.test(res.headers.get("retry-after") ?? "")) h.errors.push(`analysis ${res.status} without Retry-After`);
        if (res.status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
    }),
  );
}

/** Anonymous uploads declaring 32 MiB that stall after 31 MiB: each must be answered (401, or 429 past the address's write limit) with its body unread. */
async function stalledBodies(n: number, h: Hostile): Promise<void> {
  const uploads = Array.from({ length: n }, () => stalledUpload(app.baseUrl, { "x-forwarded-for": "2001:db8:bad:5::1" }, 32 * 1024 * 1024, 31 * 1024 * 1024));
  const statuses = await Promise.all(
    uploads.map((u) => Promise.race([u.status, new Promise<string>((r) => setTimeout(() => r("(no answer within 30 s)"), 30_000))])),
  );
  for (const u of uploads) u.socket.destroy();
  for (const s of statuses) {
    countIn(h, `stalled ${s.split(" ")[1] ?? s}`);
    if (!/^HTTP\/1\.1 (401|429) /.test(s)) h.errors.push(`stalled body: ${s}`);
  }
}

/** Anonymous tRPC batches of admin calls (400 as in issue 13 in test:load, 50 in the short run): any 4xx, never a 5xx. */
async function batchFlood(n: number, deadline: number, h: Hostile): Promise<void> {
  const calls = FULL ? 400 : 50;
  const path = `/api/trpc/${Array.from({ length: calls }, () => "admin.hideSubmission").join(",")}?batch=1`;
  const body = JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { round: ROUND, submission: "x", hidden: true }])));
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (Date.now() < deadline) {
        const res = await fetch(`${app.baseUrl}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "2001:db8:bad:6::1" },
          body,
        });
        await res.arrayBuffer();
        countIn(h, `batch ${res.status}`);
        // 4xx, or 207 when tRPC answers a batch whose calls failed differently (401 and 429); never a 5xx.
        if (res.status >= 500 || res.status < 207) h.errors.push(`batch flood: ${res.status}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }),
  );
}

/** /api/health every 100 ms until `deadline`: latencies in ms; any other status than 200 is an error. */
async function probeHealth(deadline: number, h: Hostile): Promise<void> {
  while (Date.now() < deadline) {
    const t0 = performance.now();
    const res = await fetch(`${app.baseUrl}/api/health`);
    await res.arrayBuffer();
    h.health.push(performance.now() - t0);
    if (res.status !== 200) h.errors.push(`health: ${res.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test(
  `${CLIENTS} clients reading and uploading for ${SECONDS} s beside a hostile mix: only 2xx and 429 (and counted 503s for the hostile), every acknowledged run stored exactly once`,
  async () => {
    const tally: Tally = { statuses: new Map(), errors: [], acknowledged: new Map(), retryAfterMissing: 0 };
    const hostile: Hostile = { statuses: new Map(), errors: [], health: [] };
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all([
      ...Array.from({ length: CLIENTS }, (_, c) => client(c, deadline, tally)),
      analysisStorm(HOSTILE.analyses, deadline, hostile),
      stalledBodies(HOSTILE.stalled, hostile),
      batchFlood(HOSTILE.flooders, deadline, hostile),
      probeHealth(deadline, hostile),
    ]);
    const health = [...hostile.health].sort((a, b) => a - b);
    const p99 = health[Math.min(health.length - 1, Math.floor(health.length * 0.99))]!;
    console.log(
      `[load] ${CLIENTS} clients, ${SECONDS} s: ${[...tally.statuses]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(", ")}; ${tally.acknowledged.size} runs acknowledged`,
    );
    console.log(
      `[load] hostile mix (${HOSTILE.analyses} max-cost analyses at a time, ${HOSTILE.stalled} stalled 31 MiB bodies, ${HOSTILE.flooders} batch flooders of ${FULL ? 400 : 50} calls): ` +
        `${[...hostile.statuses]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join(
            ", ",
          )}; /api/health ${health.length} probes, p50 ${health[Math.floor(health.length / 2)]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${health.at(-1)!.toFixed(1)} ms`,
    );
    expect(hostile.errors.slice(0, 20)).toEqual([]);
    // The server's own account of a failure, next to the failed requests.
    expect(
      tally.errors.slice(0, 20),
      app
        .log()
        .split("\n")
        .filter((l) => /error|Error/.test(l))
        .slice(-40)
        .join("\n"),
    ).toEqual([]);
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
    // The availability target (docs/availability.md), in the full run only: no timed assertion in npm test.
    // Last, so a full run that misses it has still checked every guarantee above.
    if (FULL) expect(p99).toBeLessThan(250);
  },
  (SECONDS + 180) * 1000,
);
