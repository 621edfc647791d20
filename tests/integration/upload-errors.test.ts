// Every kind of bad upload, through both endpoints (POST /api/v1/runs and
// POST /api/trpc/ingest.upload): the status code, a message and an issue that
// name the field, and no data written. An authenticated rejection leaves
// exactly one rejected Upload row and one audit entry; a request without a
// valid token leaves only the audit entry.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tableCounts, withDb } from "../support/db";
import { createRound, createToken, dropRound, plus, post, runCli, unique, uploadRest, uploadTrpc, workload } from "../support/ingest";

const ROUND = unique("test-upload-errors");
/** README "Uploading results": 32 MiB per request, written out so that a changed limit fails here. */
const MIB32 = 33_554_432;
let owner: string;
let other: string;
let admin: string;
let revoked: string;

const run = (overrides: Record<string, unknown> = {}) => ({
  submission: "base-sub",
  workload: "ogbg",
  study: 0,
  trial: 1,
  timeToTarget: { reached: true, seconds: 100 },
  ...overrides,
});
const body = (runs: unknown[], extra: Record<string, unknown> = {}) => ({ round: ROUND, runs, ...extra });
const evals = (e: Record<string, unknown>) => run({ timeToTarget: undefined, evals: { steps: [0, 10], times: [1, 2], metrics: [0.1, 0.3], ...e } });

beforeAll(async () => {
  await createRound({
    slug: ROUND,
    budgetFactor: 1.5,
    workloads: [
      workload("ogbg", { metricName: "validation/mean_average_precision", direction: "max", target: 0.28, budgetSeconds: 1000 }),
      workload("criteo1tb", { metricName: "validation/loss", direction: "min", target: 0.1237, budgetSeconds: 2000 }),
    ],
  });
  [owner, other, admin, revoked] = await Promise.all([
    createToken(unique("errors-owner")),
    createToken(unique("errors-other")),
    createToken(unique("errors-admin"), "admin"),
    createToken(unique("errors-revoked")),
  ]);
  const name = (await withDb((c) => c.query(`SELECT name FROM "ApiToken" ORDER BY id DESC`))).rows
    .map((r) => r.name as string)
    .find((n) => n.startsWith("errors-revoked"))!;
  const r = await runCli(["token", "revoke", name]);
  expect(r.code, r.stderr).toBe(0);
  // Stored data the conflict cases run into.
  const ok = await uploadRest(
    body([run(), run({ workload: "criteo1tb", clientRunId: "c-1", timeToTarget: { reached: false } })], {
      submissions: [{ slug: "base-sub", displayName: "Base" }],
    }),
    owner,
  );
  expect(ok.status, JSON.stringify(ok.body)).toBe(201);
});

afterAll(() => dropRound(ROUND));

interface Case {
  name: string;
  /** The request body: a JSON value, or a raw string with `raw`. */
  send: () => unknown;
  raw?: boolean;
  token?: () => string | null;
  status: number;
  /** JSON path (or header) the error must name. */
  path: string;
  /** More text the message must contain (e.g. the valid values of a closed set). */
  says?: string[];
}

const cases: Case[] = [
  { name: "malformed JSON", send: () => `{"round": "${ROUND}", "runs": [`, raw: true, status: 400, path: "(body)", says: ["not valid JSON"] },
  // Line and column counted by hand on the literal text (the round name is on line 2, so its length moves nothing).
  {
    name: "trailing comma, by line and column",
    send: () => `{\n  "round": "${ROUND}",\n  "runs": [\n    {"submission": "base-sub", "workload": "ogbg",},\n  ]\n}`,
    raw: true,
    status: 400,
    path: "(body)",
    // The excerpt keeps 40 characters before the caret ("…" where cut).
    says: ["not valid JSON: line 4, column 51: expected a property name", '…ission": "base-sub", "workload": "ogbg",},\n' + " ".repeat(41) + "^"],
  },
  {
    name: "Python's True, by line and column",
    send: () =>
      `{"round": "${ROUND}",\n "runs": [{"submission": "base-sub", "workload": "ogbg", "study": 0, "trial": 1,\n   "timeToTarget": {"reached": True, "seconds": 100}}]}`,
    raw: true,
    status: 400,
    path: "(body)",
    says: ['line 3, column 32: unexpected "True"'],
  },
  {
    name: "NaN literal (Python's json.dumps default)",
    send: () =>
      `{"round": "${ROUND}", "runs": [{"submission": "base-sub", "workload": "ogbg", "study": 0, "trial": 1, "timeToTarget": {"reached": true, "seconds": NaN}}]}`,
    raw: true,
    status: 400,
    path: "(body)",
    says: ["NaN"],
  },
  { name: "empty body", send: () => "", raw: true, status: 400, path: "(body)" },
  { name: "an array instead of an object", send: () => [run()], status: 400, path: "(root)", says: ["expected object"] },
  { name: "missing round", send: () => ({ runs: [run()] }), status: 400, path: "round" },
  { name: "missing runs", send: () => ({ round: ROUND }), status: 400, path: "runs" },
  { name: "no runs", send: () => body([]), status: 400, path: "runs", says: ["at least one run"] },
  { name: "study is a string", send: () => body([run({ study: "zero" })]), status: 400, path: "runs.0.study" },
  { name: "trial is not an integer", send: () => body([run({ trial: 1.5 })]), status: 400, path: "runs.0.trial" },
  {
    name: "negative time",
    send: () => body([run({ timeToTarget: { reached: true, seconds: -5 } })]),
    status: 400,
    path: "runs.0.timeToTarget.seconds",
    says: [">= 0"],
  },
  {
    name: "infinite time (1e999 parses to Infinity)",
    send: () =>
      `{"round": "${ROUND}", "runs": [{"submission": "base-sub", "workload": "ogbg", "study": 0, "trial": 1, "timeToTarget": {"reached": true, "seconds": 1e999}}]}`,
    raw: true,
    status: 400,
    path: "runs.0.timeToTarget.seconds",
  },
  {
    name: "time as a string",
    send: () => body([run({ timeToTarget: { reached: true, seconds: "12.5" } })]),
    status: 400,
    path: "runs.0.timeToTarget.seconds",
    says: ["expected a finite number"],
  },
  {
    name: "infinite metric (1e999 parses to Infinity)",
    send: () => JSON.stringify(body([evals({ metrics: [0.1, 12345.5] })])).replace("12345.5", "-1e999"),
    raw: true,
    status: 400,
    path: "runs.0.evals.metrics.1",
  },
  { name: "metric given as the string nan", send: () => body([evals({ metrics: [0.1, "nan"] })]), status: 400, path: "runs.0.evals.metrics.1" },
  { name: "non-numeric eval time", send: () => body([evals({ times: [1, "later"] })]), status: 400, path: "runs.0.evals.times.1" },
  { name: "eval arrays of different lengths", send: () => body([evals({ times: [1, 2, 3] })]), status: 400, path: "runs.0.evals.times", says: ["parallel"] },
  {
    name: "both timeToTarget and evals",
    send: () => body([{ ...evals({}), timeToTarget: { reached: false } }]),
    status: 400,
    path: "runs.0.evals",
    says: ["exactly one of"],
  },
  {
    name: "neither timeToTarget nor evals",
    send: () => body([run({ timeToTarget: undefined })]),
    status: 400,
    path: "runs.0.timeToTarget",
    says: ["exactly one of"],
  },
  { name: "reached without a time", send: () => body([run({ timeToTarget: { reached: true } })]), status: 400, path: "runs.0.timeToTarget.reached" },
  {
    name: "not reached but with a time",
    send: () => body([run({ timeToTarget: { reached: false, seconds: 10 } })]),
    status: 400,
    path: "runs.0.timeToTarget.seconds",
  },
  {
    name: "misspelt field",
    send: () => body([run({ timeToTarget: { reached: true, timeSecond: 10 } })]),
    status: 400,
    path: "runs.0.timeToTarget",
    says: ["timeSecond"],
  },
  { name: "unknown round", send: () => ({ round: "algoperf-v9", runs: [run()] }), status: 400, path: "round", says: ["algoperf-v0.6-self-tuning", ROUND] },
  { name: "unknown workload", send: () => body([run({ workload: "imagenet" })]), status: 400, path: "runs.0.workload", says: ["ogbg, criteo1tb"] },
  {
    name: "eval series of another metric",
    send: () => body([evals({ metricName: "validation/accuracy" })]),
    status: 400,
    path: "runs.0.evals.metricName",
    says: ["validation/mean_average_precision"],
  },
  {
    name: "new submission not declared",
    send: () => body([run({ submission: "typo-sub" })]),
    status: 400,
    path: "runs.0.submission",
    says: ['declare it in "submissions"'],
  },
  { name: "slug with a space", send: () => body([run({ submission: "my sub" })]), status: 400, path: "runs.0.submission" },
  { name: "duplicate run in one batch", send: () => body([run({ study: 4 }), run({ study: 4 })]), status: 400, path: "runs.1", says: ["runs.0"] },
  {
    name: "duplicate clientRunId in one batch",
    send: () => body([run({ study: 4, clientRunId: "x" }), run({ study: 5, clientRunId: "x" })]),
    status: 400,
    path: "runs.1.clientRunId",
  },
  {
    name: "more than 10,000 runs",
    send: () => body(Array.from({ length: 10_001 }, (_, i) => run({ study: i }))),
    status: 400,
    path: "runs",
    says: ["at most 10000"],
  },
  {
    name: "reached with steps only in a seconds round",
    send: () => body([run({ study: 6, timeToTarget: { reached: true, steps: 100 } })]),
    status: 400,
    path: "runs.0.timeToTarget.seconds",
    says: ["scored on seconds"],
  },
  {
    name: "fraction that disagrees with seconds / budget",
    send: () => body([run({ study: 6, timeToTarget: { reached: true, seconds: 150, fraction: 0.5 } })]),
    status: 400,
    path: "runs.0.timeToTarget.fraction",
    says: ["150 / 1500"],
  },
  {
    name: "one invalid run makes the whole batch fail",
    send: () => body([run({ study: 7 }), run({ study: 8, workload: "nope" })]),
    status: 400,
    path: "runs.1.workload",
  },
  {
    name: "re-upload with different content",
    send: () => body([run({ timeToTarget: { reached: true, seconds: 101 } })]),
    status: 409,
    path: "runs.0",
    says: ["timeSeconds 100 stored, 101 sent", "replace: true"],
  },
  { name: "clientRunId already naming another run", send: () => body([run({ study: 9, clientRunId: "c-1" })]), status: 409, path: "runs.0", says: ["c-1"] },
  {
    name: "submission metadata disagreeing with the stored one",
    send: () => body([run()], { submissions: [{ slug: "base-sub", displayName: "Other" }] }),
    status: 409,
    path: "submissions.0.displayName",
    says: ['"Other" differs from the stored "Base"'],
  },
  {
    name: "another token adding runs to a submission it did not create",
    send: () => body([run({ study: 10 })]),
    token: () => other,
    status: 403,
    path: "runs.0.submission",
    says: ["created by another token"],
  },
  {
    name: "another token replacing runs",
    send: () => body([run({ timeToTarget: { reached: true, seconds: 99 } })], { replace: true }),
    token: () => other,
    status: 403,
    path: "runs.0",
  },
  {
    name: "wrong token",
    send: () => body([run()]),
    token: () => "apl_thisIsNotAValidTokenAtAll0000000000000000",
    status: 401,
    path: "Authorization",
    says: ["invalid token"],
  },
  { name: "missing token", send: () => body([run()]), token: () => null, status: 401, path: "Authorization", says: ["Bearer"] },
  { name: "revoked token", send: () => body([run()]), token: () => revoked, status: 401, path: "Authorization", says: ["revoked"] },
];

/** Calls the audit log stands for (a row of rejected anonymous calls counts each). */
const auditCalls = () => withDb(async (db) => Number((await db.query(`SELECT coalesce(sum(count), 0)::int AS n FROM "AuditLog"`)).rows[0].n));

const endpoints = [
  { name: "REST", call: uploadRest, error: (b: { error: { message: string; issues: { path: string }[] } }) => b.error },
  {
    name: "tRPC",
    call: uploadTrpc,
    error: (b: { error: { message: string; data: { issues: { path: string }[] } } }) => ({ message: b.error.message, issues: b.error.data.issues }),
  },
];

describe.each(endpoints)("bad uploads through $name", (endpoint) => {
  test.each(cases)("$name → $status naming $path, nothing written", async (c) => {
    const token = c.token ? c.token() : owner;
    const before = await tableCounts();
    const callsBefore = await auditCalls();
    const lastUpload = await withDb(async (db) => Number((await db.query(`SELECT coalesce(max(id), 0) AS id FROM "Upload"`)).rows[0].id));
    const res = await endpoint.call(c.send(), token, c.raw ?? false);
    expect(res.status, JSON.stringify(res.body).slice(0, 2000)).toBe(c.status);
    const error = endpoint.error(res.body);
    expect(error.message).toContain(c.path);
    expect(error.issues.map((i) => i.path)).toContain(c.path);
    for (const text of c.says ?? []) expect(error.message).toContain(text);

    const authenticated = c.status !== 401;
    if (authenticated) expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
    else {
      // Rejected anonymous calls are counted on one row per address, action, outcome and reason per minute (lib/server/services/audit.ts).
      const after = await tableCounts();
      expect({ ...after, AuditLog: 0 }).toEqual({ ...before, AuditLog: 0 });
      expect(after.AuditLog! - before.AuditLog!).toBeLessThanOrEqual(1);
      expect((await auditCalls()) - callsBefore).toBe(1);
    }
    const uploads = await withDb(async (db) => (await db.query(`SELECT outcome, status, message FROM "Upload" WHERE id > $1`, [lastUpload])).rows);
    if (authenticated) expect(uploads).toEqual([{ outcome: "rejected", status: c.status, message: error.message }]);
    const audit = await withDb(
      async (db) =>
        (
          await db.query(`SELECT "tokenName", action, outcome, details::text FROM "AuditLog" WHERE ($1 OR "tokenName" IS NULL) ORDER BY id DESC LIMIT 1`, [
            authenticated,
          ])
        ).rows[0],
    );
    expect(audit.action).toBe("ingest.upload");
    expect(audit.outcome).not.toBe("ok");
    // Tokens are never logged, not even a rejected one.
    if (token) expect(audit.details).not.toContain(token);
    if (c.status === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  test("a body over the size limit → 413 naming the limit, nothing written", async () => {
    // Chunked bodies carry no Content-Length and are counted as they stream (the larger one
    // once crossed the buffer Next kept for proxy.ts, which no longer runs for the write paths).
    for (const [chunked, size] of [
      [false, MIB32 + 1024],
      [true, MIB32 + 1024],
      [true, MIB32 + 4 * 1024 * 1024],
    ] as const) {
      const before = await tableCounts();
      const text = `{"round": "${ROUND}", "runs": [], "pad": "${"x".repeat(size)}"}`;
      const path = endpoint.name === "REST" ? "/api/v1/runs" : "/api/trpc/ingest.upload";
      const res = await sendOversize(`${inject("baseUrl")}${path}`, owner, Buffer.from(text), chunked);
      expect(res.status, `${chunked ? "chunked" : "with Content-Length"}, ${size} bytes`).toBe(413);
      const b = JSON.parse(res.body);
      const error = endpoint.error(b);
      expect(error.message).toContain("limit of 33554432 bytes (32 MiB)");
      expect(error.issues.map((i) => i.path)).toEqual(["(body)"]);
      expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
    }
  });
});

/**
 * POSTs an oversize body the way a careful client does: it stops sending once
 * the answer has come. The server answers 413 without reading the rest of the
 * body and closes the connection, so a client that goes on writing (fetch
 * does) may get EPIPE instead of the answer (it did, in clean-clone CI runs).
 * With Content-Length the answer comes after the headers; chunked, after
 * 32 MiB have been counted.
 */
function sendOversize(url: string, token: string, body: Buffer, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json", authorization: `Bearer ${token}` };
    if (!chunked) headers["content-length"] = body.length;
    let answered = false;
    const req = http.request(url, { method: "POST", headers }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: text });
        req.destroy();
      });
      res.on("error", reject);
    });
    // A write after the server has closed fails with EPIPE: expected once the answer is in.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const write = (at: number) => {
      if (answered || req.destroyed) return;
      if (at >= body.length) return void req.end();
      const more = req.write(body.subarray(at, at + (1 << 20)));
      if (more) setImmediate(() => write(at + (1 << 20)));
      else req.once("drain", () => write(at + (1 << 20)));
    };
    write(0);
  });
}

describe("large bodies", () => {
  test("a body over Next's default 10 MB proxy buffer but within the limit is read whole and accepted", async () => {
    const n = 40_000;
    const steps = Array.from({ length: n }, (_, i) => i * 10);
    const times = steps.map((s) => s * 0.123456789012345);
    const metrics = steps.map((_, k) => 1 - k / n);
    const runs = Array.from({ length: 12 }, (_, i) => ({
      submission: "base-sub",
      workload: "criteo1tb",
      study: 100 + i,
      trial: 1,
      evals: { steps, times, metrics },
    }));
    const text = JSON.stringify(body(runs));
    expect(text.length).toBeGreaterThan(16 * 1024 * 1024);
    expect(text.length).toBeLessThan(MIB32);
    const before = await tableCounts();
    const res = await uploadRest(text, owner, true);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.counts).toEqual({ runs: 12, created: 12, unchanged: 0, replaced: 0 });
    // docs/scoring.md §1.3: the first loss <= the criteo1tb target of this round (0.1237).
    const k = metrics.findIndex((m) => m <= 0.1237);
    expect(res.body.runs[0]).toMatchObject({ reached: true, firstHitIndex: k, timeSeconds: times[k] });
    expect(await tableCounts()).toEqual(plus(before, { Run: 12, RunEvals: 12, Upload: 1, AuditLog: 1 }));
  });
});

describe("admin procedures with the wrong token", () => {
  test("an upload token hiding a submission → 403, audited, nothing changed", async () => {
    const before = await tableCounts();
    const res = await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission: "base-sub" }, { token: owner });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("Authorization");
    expect(res.body.error.message).toContain("needs an admin token");
    expect(res.body.error.data.issues).toEqual([{ path: "Authorization", message: "admin scope required" }]);
    expect(await tableCounts()).toEqual(plus(before, { AuditLog: 1 }));
    const audit = await withDb(async (c) => (await c.query(`SELECT "tokenName", action, target, outcome FROM "AuditLog" ORDER BY id DESC LIMIT 1`)).rows[0]);
    expect(audit).toMatchObject({ action: "admin.hideSubmission", target: `${ROUND}/base-sub`, outcome: "FORBIDDEN" });
    expect(audit.tokenName).toMatch(/^errors-owner/);
    const hidden = await withDb(async (c) => (await c.query(`SELECT hidden FROM "Submission" WHERE slug = 'base-sub'`)).rows[0].hidden);
    expect(hidden).toBe(false);
  });

  test("an upload token via the CLI's admin command → exit 1 with HTTP 403", async () => {
    const r = await runCli(["submission", "delete", ROUND, "base-sub", "--yes", "--url", inject("baseUrl"), "--token", owner]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("HTTP 403");
  });

  test("deleting an unknown submission → 404 naming the submission and listing the round's", async () => {
    const before = await tableCounts();
    const res = await post("/api/trpc/admin.deleteSubmission", { round: ROUND, submission: "nope" }, { token: admin });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('no submission "nope"');
    expect(res.body.error.message).toContain("base-sub");
    expect(res.body.error.data.issues[0].path).toBe("submission");
    expect(await tableCounts()).toEqual(plus(before, { AuditLog: 1 }));
  });

  test("no token on an admin procedure → 401", async () => {
    const res = await post("/api/trpc/admin.deleteSubmission", { round: ROUND, submission: "base-sub" }, { token: null });
    expect(res.status).toBe(401);
    expect(res.body.error.data.issues[0].path).toBe("Authorization");
  });
});
