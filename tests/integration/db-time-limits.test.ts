// README "Configuration": DB_STATEMENT_TIMEOUT_MS limits any one statement of
// the app, lock waits included; past it the request gets 503 with
// Retry-After, never a 500 ("Database faults" in Security and reliability).
// A second app instance runs with a 1 s limit on the suite's database; the
// test holds locks in a transaction that sleeps (pg_sleep) so the app's
// statements wait past the limit, then lets go and sees the app answer again.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { expectSecurityHeaders } from "../support/headers";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const ROUND = unique("test-db-time-limits");
let app: App;
let token: string;

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: 1, trialsExpected: 1, workloads: [workload("w1", { budgetSeconds: 1000 })] });
  token = await createToken(unique("time-limits"));
  app = await startApp(inject("databaseUrl"), { DB_STATEMENT_TIMEOUT_MS: "1000", RATE_LIMIT_PER_TOKEN: "1000", RATE_LIMIT_PER_IP: "1000" });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await dropRound(ROUND);
});

/**
 * Runs `during` while another session holds `tables` locked for 3 s (a
 * transaction that sleeps in pg_sleep), then releases them. With a 1 s
 * statement limit the app answers before the locks go; without one its
 * statement would simply wait and succeed.
 */
async function whileLocked<T>(tables: string[], during: () => Promise<T>): Promise<T> {
  const holder = new pg.Client({ connectionString: inject("databaseUrl") });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(`LOCK TABLE ${tables.map((t) => `"${t}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`);
    const answer = during();
    await holder.query("SELECT pg_sleep(3)");
    await holder.query("ROLLBACK");
    return await answer;
  } finally {
    await holder.end().catch(() => undefined);
  }
}

const upload = (study: number) =>
  fetch(`${app.baseUrl}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      round: ROUND,
      submissions: [{ slug: "slow" }],
      runs: [{ submission: "slow", workload: "w1", study, trial: 1, timeToTarget: { reached: true, seconds: 10 } }],
    }),
  });

describe("a statement past DB_STATEMENT_TIMEOUT_MS", () => {
  test("a read of a round nobody computed yet → 503 with Retry-After and the security headers, then 200 once the database answers", async () => {
    const path = `/api/v1/rounds/${ROUND}/scores`;
    const res = await whileLocked(["Round"], () => fetch(`${app.baseUrl}${path}`));
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expectSecurityHeaders(res, "503 of a read");
    expect(JSON.parse(text).error.code).toBe("SERVICE_UNAVAILABLE");
    expect((await fetch(`${app.baseUrl}${path}`)).status).toBe(200);
  });

  test("an upload → 503 with Retry-After, nothing stored; its retry is stored once", async () => {
    const runs = async () => {
      const c = new pg.Client({ connectionString: inject("databaseUrl") });
      await c.connect();
      try {
        return Number((await c.query(`SELECT count(*)::int AS n FROM "Run" x JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1`, [ROUND])).rows[0].n);
      } finally {
        await c.end();
      }
    };
    const res = await whileLocked(["Round", "Submission"], () => upload(0));
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expectSecurityHeaders(res, "503 of an upload");
    expect(await runs()).toBe(0);
    const retry = await upload(0);
    expect(retry.status, await retry.clone().text()).toBe(201);
    expect(await runs()).toBe(1);
  });
});
