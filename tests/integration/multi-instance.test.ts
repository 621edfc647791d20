// Two app instances on one database (README "Performance", past one machine):
// an upload through either changes what the other serves at once, although
// both had the old scores cached. Caches are keyed by the round's dataVersion,
// read from PostgreSQL on every request (lib/server/cache.ts), and rate limits
// live in PostgreSQL too, so no instance holds state another would miss.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startApp, type App } from "../support/stack";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";

const ROUND = unique("test-two-instances");
const WORKLOADS = ["w1", "w2"];
let token: string;
let first: { baseUrl: string };
let second: App;

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: 1, trialsExpected: 1, workloads: WORKLOADS.map((k) => workload(k, { budgetSeconds: 1000 })) });
  // An admin's uploads are verified, so they join the default pool at once (docs/trust-model.md).
  token = await createToken(unique("two-instances"), "admin");
  first = { baseUrl: inject("baseUrl") };
  second = await startApp(inject("databaseUrl"));
}, 120_000);

afterAll(async () => {
  await second?.stop();
  await dropRound(ROUND);
});

/** A submission's runs: one study, one trial per workload, reaching the target at `seconds`. */
const runsOf = (submission: string, seconds: number[]) =>
  WORKLOADS.map((w, i) => ({ submission, workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds: seconds[i] } }));

async function upload(app: { baseUrl: string }, runs: { submission: string }[]): Promise<void> {
  const res = await fetch(`${app.baseUrl}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ round: ROUND, submissions: [...new Set(runs.map((r) => r.submission))].map((slug) => ({ slug })), runs }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function scores(app: { baseUrl: string }): Promise<Record<string, number>> {
  const res = await fetch(`${app.baseUrl}/api/v1/rounds/${ROUND}/scores?points=50`);
  expect(res.status).toBe(200);
  return (await res.json()).scores;
}

async function leaderboardPage(app: { baseUrl: string }): Promise<string> {
  const res = await fetch(`${app.baseUrl}/rounds/${ROUND}`);
  expect(res.status).toBe(200);
  return res.text();
}

describe("two instances on one database", () => {
  test("an upload through one instance changes the scores and the page the other serves, at once", async () => {
    await upload(first, [...runsOf("alpha", [100, 400]), ...runsOf("beta", [300, 200])]);
    // Both instances compute, and cache, the pool of two.
    const before = await scores(second);
    expect(Object.keys(before).sort()).toEqual(["alpha", "beta"]);
    expect(await scores(first)).toEqual(before);
    expect(await leaderboardPage(second)).not.toContain("gamma");

    // gamma is the fastest on every workload: everyone else's score drops.
    await upload(first, runsOf("gamma", [50, 100]));
    const after = await scores(second);
    expect(Object.keys(after).sort()).toEqual(["alpha", "beta", "gamma"]);
    expect(after.alpha).toBeLessThan(before.alpha!);
    expect(after.beta).toBeLessThan(before.beta!);
    expect(after.gamma).toBe(1);
    expect(await scores(first)).toEqual(after);
    expect(await leaderboardPage(second)).toContain('data-submission="gamma"');

    // And the other way round: replacing beta's runs through the second instance.
    await fetch(`${second.baseUrl}/api/v1/runs`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ round: ROUND, replace: true, runs: runsOf("beta", [40, 90]) }),
    }).then(async (res) => expect(res.status, await res.text()).toBeLessThan(300));
    const replaced = await scores(first);
    expect(replaced.beta).toBe(1);
    expect(replaced.gamma).toBeLessThan(after.gamma!);
    expect(await scores(second)).toEqual(replaced);
  });
});
