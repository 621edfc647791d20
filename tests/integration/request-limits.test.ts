// README "Uploading results" and "Security and reliability" (Bounded input),
// checked through HTTP with the numbers as the README writes them: a request
// at a limit is served, one past it is refused with a 4xx naming the field.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tableCounts } from "../support/db";
import { createRound, createToken, dropRound, plus, post, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-request-limits");
let token: string;
let admin: string;

beforeAll(async () => {
  await createRound({
    slug: ROUND,
    studiesExpected: 1,
    trialsExpected: 1,
    workloads: [workload("w1", { target: 0.5, direction: "min", budgetSeconds: 1_000_000 })],
  });
  [token, admin] = await Promise.all([createToken(unique("limits")), createToken(unique("limits-admin"), "admin")]);
  expect(
    (
      await uploadRest(
        { round: ROUND, submissions: [{ slug: "lim" }], runs: [{ submission: "lim", workload: "w1", study: 0, trial: 1, timeToTarget: { reached: false } }] },
        token,
      )
    ).status,
  ).toBe(201);
});
afterAll(() => dropRound(ROUND));

const run = (study: number, extra: Record<string, unknown> = {}) => ({
  submission: "lim",
  workload: "w1",
  study,
  trial: 1,
  timeToTarget: { reached: true, seconds: 10 },
  ...extra,
});

describe("request bodies: 32 MiB for uploads, 1 MiB otherwise", () => {
  test("an upload of exactly 32 MiB (33,554,432 bytes) is read and accepted; one byte more → 413", async () => {
    const json = JSON.stringify({ round: ROUND, runs: [run(1)] });
    // Whitespace is valid JSON: the same upload, padded to the byte.
    const exactly = json + " ".repeat(33_554_432 - Buffer.byteLength(json));
    expect(Buffer.byteLength(exactly)).toBe(33_554_432);
    const before = await tableCounts();
    const over = await uploadRest(exactly + " ", token, true);
    expect(over.status).toBe(413);
    expect(over.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["(body)"]);
    expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
    const at = await uploadRest(exactly, token, true);
    expect(at.status, JSON.stringify(at.body).slice(0, 300)).toBe(201);
  });

  test("another procedure's body of exactly 1 MiB (1,048,576 bytes) is read; one byte more → 413", async () => {
    const json = JSON.stringify({ round: ROUND, submission: "lim", hidden: false });
    const exactly = json + " ".repeat(1_048_576 - Buffer.byteLength(json));
    const at = await post("/api/trpc/admin.hideSubmission", exactly, { token: admin, raw: true });
    expect(at.status, JSON.stringify(at.body).slice(0, 300)).toBe(200);
    const over = await post("/api/trpc/admin.hideSubmission", exactly + " ", { token: admin, raw: true });
    expect(over.status, JSON.stringify(over.body).slice(0, 300)).toBe(413);
  });
});

describe("at most 10,000 runs, 100,000 evals per run", () => {
  test("10,000 runs are accepted in one request; 10,001 → 400 naming runs", async () => {
    const runs = (n: number) =>
      Array.from({ length: n }, (_, i) => run(1000 + Math.floor(i / 100), { trial: 1 + (i % 100), timeToTarget: { reached: false } }));
    const over = await uploadRest({ round: ROUND, runs: runs(10_001) }, token);
    expect(over.status).toBe(400);
    expect(over.body.error.issues).toContainEqual({ path: "runs", message: expect.stringContaining("at most 10000 runs") });
    const at = await uploadRest({ round: ROUND, runs: runs(10_000) }, token);
    expect(at.status, JSON.stringify(at.body).slice(0, 300)).toBe(201);
    expect(at.body.counts.created).toBe(10_000);
  });

  test("a run with 100,000 evals is accepted; 100,001 → 400 naming each array", async () => {
    const series = (n: number) => ({
      steps: Array.from({ length: n }, (_, i) => i),
      times: Array.from({ length: n }, (_, i) => i / 10),
      metrics: Array.from({ length: n }, (_, i) => 1 - i / n),
    });
    const over = await uploadRest({ round: ROUND, runs: [{ ...run(2), timeToTarget: undefined, evals: series(100_001) }] }, token);
    expect(over.status).toBe(400);
    expect(over.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["runs.0.evals.metrics", "runs.0.evals.steps", "runs.0.evals.times"]);
    for (const issue of over.body.error.issues) expect(issue.message).toContain("at most 100000 evaluations");
    const at = await uploadRest({ round: ROUND, runs: [{ ...run(2), timeToTarget: undefined, evals: series(100_000) }] }, token);
    expect(at.status, JSON.stringify(at.body).slice(0, 300)).toBe(201);
    // docs/scoring.md §1: the first eval with metric <= 0.5 (min direction): index 50,000.
    expect(at.body.runs[0]).toMatchObject({ reached: true, firstHitIndex: 50_000 });
  });
});

describe("hyperparameters: depth 8, 1,000 entries", () => {
  const nested = (depth: number) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  };
  const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

  test("8 levels and 1,000 entries are accepted; 9 levels or 1,001 entries → 400 naming the field", async () => {
    const deep = await uploadRest({ round: ROUND, runs: [run(3, { hyperparameters: nested(9) })] }, token);
    expect(deep.status).toBe(400);
    expect(deep.body.error.issues).toEqual([{ path: "runs.0.hyperparameters.a.a.a.a.a.a.a.a.a", message: "nested deeper than 8 levels" }]);
    const many = await uploadRest({ round: ROUND, runs: [run(3, { hyperparameters: entries(1001) })] }, token);
    expect(many.status).toBe(400);
    expect(many.body.error.issues).toEqual([{ path: "runs.0.hyperparameters", message: "at most 1000 keys and values in all" }]);
    const ok = await uploadRest({ round: ROUND, runs: [run(3, { hyperparameters: nested(8) }), run(4, { hyperparameters: entries(1000) })] }, token);
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(201);
  });
});

describe("text PostgreSQL cannot hold, in URLs", () => {
  const get = (path: string) => fetch(`${inject("baseUrl")}${path}`);

  test("NUL in a path segment or query value of the API → 400 JSON naming the address", async () => {
    for (const path of [`/api/v1/rounds/a%00b/scores`, `/api/v1/rounds/${ROUND}/submissions/x%00`, `/api/v1/rounds/${ROUND}/scores?pool=a%00b`]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(body.error.issues, path).toEqual([{ path: "(url)", message: expect.stringContaining("NUL") }]);
    }
    // A NUL escaped inside a tRPC query's JSON input reaches the procedure's input check instead.
    const trpc = await get(`/api/trpc/ingest.round?input=${encodeURIComponent(JSON.stringify({ round: "a\u0000" }))}`);
    expect(trpc.status).toBe(400);
    expect((await trpc.json()).error.data.issues).toEqual([{ path: "round", message: expect.stringContaining("NUL") }]);
  });

  test("NUL or a lone surrogate in a page address → 400 with a plain message, not a 500", async () => {
    for (const path of ["/rounds/a%00b", "/analysis/x%00", `/rounds/${ROUND}?pool=%00`]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toMatch(/^Bad request: .*NUL/);
    }
    const surrogate = await get("/rounds/a%ED%A0%80b");
    expect(surrogate.status).toBe(400);
  });
});
