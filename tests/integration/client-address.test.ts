// The client address behind rate limits and the audit log (issue 13, finding
// 6), through HTTP: without TRUSTED_PROXIES a client-chosen X-Forwarded-For
// does not give it a fresh rate-limit bucket (the address is the TCP peer);
// with TRUSTED_PROXIES naming the peer, X-Forwarded-For names the client.
// Rejected anonymous calls are counted, not written one audit row each.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { withDb } from "../support/db";
import { unique } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const PER_IP = 4;
const WINDOW = 30;
let direct: App;
let proxied: App;

beforeAll(async () => {
  const limits = { RATE_LIMIT_PER_IP: String(PER_IP), RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) };
  [direct, proxied] = await Promise.all([
    startApp(inject("databaseUrl"), limits),
    startApp(inject("databaseUrl"), { ...limits, TRUSTED_PROXIES: "127.0.0.0/8" }),
  ]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

const run = unique("xff");
let forged = 0;
/** A documentation address (RFC 5737) no other request uses. */
const newAddress = () => `198.51.100.${++forged % 250}, 2001:db8:${process.pid.toString(16)}::${forged.toString(16)}`;

/**
 * The TCP peer of this file's calls: a loopback address of its own (Linux
 * answers the whole 127.0.0.0/8), so that the per-address bucket in
 * PostgreSQL, shared by every instance, holds only this file's calls and not
 * those other tests made from 127.0.0.1 in the same window.
 */
const PEER = `127.${(process.pid >> 8) & 255}.${process.pid & 255}.${2 + Math.floor(Math.random() * 250)}`;

/** An anonymous admin call (401) from the peer PEER, with `xff` as X-Forwarded-For. */
function anonymousCall(app: App, xff: string): Promise<number> {
  const url = new URL(`${app.baseUrl}/api/trpc/admin.hideSubmission`);
  const body = JSON.stringify({ round: run, submission: "x" });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: PEER,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-forwarded-for": xff },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function freshWindow(seconds: number): Promise<void> {
  const left = WINDOW * 1000 - (Date.now() % (WINDOW * 1000));
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 100));
}

describe("per-address rate limits", () => {
  test(`without TRUSTED_PROXIES a forged X-Forwarded-For does not change the bucket: the ${PER_IP + 1}th call → 429`, async () => {
    await freshWindow(10);
    const statuses: number[] = [];
    // One connection (the peer 127.0.0.1), a new forged address on every call.
    for (let i = 0; i < PER_IP + 2; i++) statuses.push(await anonymousCall(direct, newAddress()));
    expect(statuses.slice(0, PER_IP)).toEqual(Array(PER_IP).fill(401));
    expect(statuses.slice(PER_IP)).toEqual([429, 429]);
  });

  test("with TRUSTED_PROXIES naming the peer, X-Forwarded-For names the client: each address has its own bucket", async () => {
    await freshWindow(10);
    const a = newAddress();
    const b = newAddress();
    const fromA: number[] = [];
    for (let i = 0; i < PER_IP + 1; i++) fromA.push(await anonymousCall(proxied, a));
    expect(fromA).toEqual([...Array(PER_IP).fill(401), 429]);
    expect(await anonymousCall(proxied, b)).toBe(401);
  });
});

describe("the audit log under a flood of anonymous calls", () => {
  test("20 anonymous batches of 10 admin calls add at most 2 rows per minute boundary, and count every call", async () => {
    const target = unique("flood");
    const calls = Array.from({ length: 10 }, () => "admin.deleteSubmission").join(",");
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { round: target, submission: "x" }])));
    // The suite's app trusts its local proxy (127.0.0.1): this address is the flood's own.
    const address = `2001:db8:f10d::${process.pid.toString(16)}`;
    const where = `action = 'admin.deleteSubmission' AND "tokenName" IS NULL AND details->>'ip' = $1`;
    const rows = () => withDb(async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE ${where}`, [address])).rows[0].n));
    const counted = () =>
      withDb(async (c) => Number((await c.query(`SELECT coalesce(sum(count), 0)::int AS n FROM "AuditLog" WHERE ${where}`, [address])).rows[0].n));
    const before = await rows();
    const callsBefore = await counted();
    // The suite's app: no practical rate limits, so every call reaches the token check.
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await fetch(`${inject("baseUrl")}/api/trpc/${calls}?batch=1`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": address },
          body,
        });
        await res.text();
        return res.status;
      }),
    );
    expect(statuses.every((s) => s === 401)).toBe(true);
    const after = await rows();
    // One row per address, action, outcome and reason per minute: 1, or 2 when the flood straddles a minute.
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2);
    expect((await counted()) - callsBefore).toBe(200);
  });
});
