// Write rate limits (lib/server/rate-limit.ts, wired in lib/server/trpc.ts):
// two app instances of their own on the suite's database, started with low
// limits and a short window, share their counters through PostgreSQL. Past the
// limit a write gets 429 with a truthful Retry-After, per token and per client
// address (bad and missing tokens included), for uploads and admin procedures,
// through tRPC and REST, and writes nothing.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tableCounts } from "../support/db";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const PER_TOKEN = 3;
const PER_IP = 5;
// Short, so the wait for Retry-After (the rest of a window) stays short; each test's writes
// need at most a few seconds of one window (freshWindow), on a loaded machine too.
const WINDOW = 10;
const ROUND = unique("test-rate-limit");

let a: App;
let b: App;
let owner: string;
let admin: string;
let admin2: string;

beforeAll(async () => {
  await createRound({ slug: ROUND, workloads: [workload("w1")] });
  // The test's clients stand behind a local proxy: X-Forwarded-For from 127.0.0.1 names them.
  const env = {
    RATE_LIMIT_PER_TOKEN: String(PER_TOKEN),
    RATE_LIMIT_PER_IP: String(PER_IP),
    RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
    TRUSTED_PROXIES: "127.0.0.1",
  };
  [a, b, owner, admin, admin2] = await Promise.all([
    startApp(inject("databaseUrl"), env),
    startApp(inject("databaseUrl"), env),
    createToken(unique("rl-owner")),
    createToken(unique("rl-admin"), "admin"),
    createToken(unique("rl-admin2"), "admin"),
  ]);
  // First requests compile and load the routes; keep that out of the timed windows.
  for (const app of [a, b]) {
    await call(app, "/api/v1/runs", { round: ROUND, runs: [] }, { ip: randomIp() });
    await call(app, "/api/trpc/admin.hideSubmission", { round: ROUND, submission: "x" }, { ip: randomIp() });
  }
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropRound(ROUND);
});

const group = () => Math.floor(Math.random() * 0xffff).toString(16);
const run = `${group()}:${group()}`;
let addresses = 0;
/**
 * A documentation address (RFC 3849) no other request uses, as a reverse proxy
 * appends it to X-Forwarded-For (the rightmost entry is the one that counts).
 */
const randomIp = () => `192.0.2.1, 2001:db8:${run}::${(++addresses).toString(16)}`;

async function call(app: App, path: string, body: unknown, options: { token?: string; ip: string }) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": options.ip };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${app.baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: json };
}

let runNumber = 0;
/** A one-run upload that creates a new run each time. */
const upload = () => ({
  round: ROUND,
  submissions: [{ slug: "rl" }],
  runs: [{ submission: "rl", workload: "w1", study: runNumber++, trial: 1, timeToTarget: { reached: true, seconds: 10 } }],
});

/** Waits, if needed, so that the next `seconds` fall inside one fixed window (windows start at multiples of WINDOW since the epoch). */
async function freshWindow(seconds: number): Promise<void> {
  const left = WINDOW * 1000 - (Date.now() % (WINDOW * 1000));
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 100));
}

function expect429(r: Awaited<ReturnType<typeof call>>, what: "token" | "ip") {
  expect(r.status, JSON.stringify(r.body)).toBe(429);
  const retryAfter = Number(r.retryAfter);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW, `Retry-After ${r.retryAfter}`).toBe(true);
  const error = r.body.error;
  // REST { error: { code, message } }; tRPC { error: { message, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } } }
  expect(error.code === "TOO_MANY_REQUESTS" || error.data?.code === "TOO_MANY_REQUESTS", JSON.stringify(error)).toBe(true);
  expect(error.message).toMatch(
    new RegExp(`at most ${what === "token" ? PER_TOKEN : PER_IP} write requests per ${WINDOW} s for this ${what}; retry in ${retryAfter} s`),
  );
  return retryAfter;
}

describe("per token", () => {
  test(`the ${PER_TOKEN + 1}th write of a token in a window → 429 with Retry-After, counted across both instances; after Retry-After it passes again`, async () => {
    await freshWindow(7);
    // Every request from another address: only the token's counter can fill up.
    expect((await call(a, "/api/v1/runs", upload(), { token: owner, ip: randomIp() })).status).toBe(201);
    expect((await call(a, "/api/trpc/ingest.upload", upload(), { token: owner, ip: randomIp() })).status).toBe(200);
    expect((await call(b, "/api/v1/runs", upload(), { token: owner, ip: randomIp() })).status).toBe(201);
    const before = await tableCounts();
    const limited = await call(b, "/api/v1/runs", upload(), { token: owner, ip: randomIp() });
    const retryAfter = expect429(limited, "token");
    expect429(await call(a, "/api/trpc/ingest.upload", upload(), { token: owner, ip: randomIp() }), "token");
    // Nothing written for a limited request: no run, no Upload row, no audit entry.
    expect(await tableCounts()).toEqual(before);
    // Another token is not affected.
    expect((await call(b, "/api/v1/runs", upload(), { token: admin, ip: randomIp() })).status).toBe(201);

    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 200));
    expect((await call(b, "/api/v1/runs", upload(), { token: owner, ip: randomIp() })).status).toBe(201);
  });

  test("admin procedures are limited too", async () => {
    await freshWindow(5);
    const hide = (app: App) =>
      call(app, "/api/trpc/admin.hideSubmission", { round: ROUND, submission: "rl", hidden: false }, { token: admin2, ip: randomIp() });
    for (const app of [a, b, a]) expect((await hide(app)).status).toBe(200);
    expect429(await hide(b), "token");
  });
});

describe("per client address", () => {
  test(`bad and missing tokens count against the address: the ${PER_IP + 1}th write → 429, then even a valid token from there; other addresses are not affected, and reads from there are not limited`, async () => {
    await freshWindow(5);
    const ip = randomIp();
    const guesses = [`apl_${"x".repeat(43)}`, owner.slice(0, -1) + (owner.endsWith("A") ? "B" : "A"), undefined, "not-a-token", `apl_${"y".repeat(43)}`];
    for (const [i, token] of guesses.entries()) {
      const r = await call(i % 2 ? a : b, "/api/v1/runs", upload(), { token, ip });
      expect(r.status, JSON.stringify(r.body)).toBe(401);
    }
    const before = await tableCounts();
    expect429(await call(a, "/api/v1/runs", upload(), { token: `apl_${"z".repeat(43)}`, ip }), "ip");
    expect429(await call(b, "/api/v1/runs", upload(), { token: owner, ip }), "ip");
    expect429(await call(a, "/api/trpc/admin.deleteSubmission", { round: ROUND, submission: "rl" }, { token: admin, ip }), "ip");
    // Limited before the token is looked at: not even the failed attempt is audited.
    expect(await tableCounts()).toEqual(before);
    expect((await call(b, "/api/v1/runs", upload(), { token: owner, ip: randomIp() })).status).toBe(201);
    // Reads are not limited (README "Configuration"): more than the write budget, from the limited address.
    for (let i = 0; i < 2 * PER_IP; i++) {
      for (const path of [`/api/v1/rounds/${ROUND}/scores`, `/api/trpc/ingest.round?input=${encodeURIComponent(JSON.stringify({ round: ROUND }))}`]) {
        const res = await fetch(`${(i % 2 ? a : b).baseUrl}${path}`, { headers: { "x-forwarded-for": ip } });
        expect(res.status, `${path}: ${await res.text()}`).toBe(200);
      }
    }
  });
});
