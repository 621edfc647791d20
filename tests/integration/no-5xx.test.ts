// Bad input never gets a 5xx (issue 13, finding 5 and 7-8), through HTTP
// against the real stack: numbers the database columns cannot hold, a tRPC
// batch sent to the REST path, oversized tRPC batches, admin bodies over
// 1 MiB, free-form JSON with prototype keys, non-finite numbers or deep
// nesting; and every class of database error maps to a 4xx or 503.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { asAppError } from "@/lib/server/errors";
import { count, tableCounts } from "../support/db";
import { createRound, createToken, dropRound, post, unique, uploadRest, uploadTrpc, workload } from "../support/ingest";

const ROUND = unique("test-no-5xx");
let token: string;
let admin: string;

beforeAll(async () => {
  [token, admin] = await Promise.all([createToken(unique("no5xx")), createToken(unique("no5xx-admin"), "admin")]);
  await createRound({ slug: ROUND, workloads: [workload("w1")] });
});
afterAll(() => dropRound(ROUND));

let n = 0;
/** A valid one-run upload of a new submission, with `patch` applied to its run or submission. */
function upload(patch: { run?: Record<string, unknown>; submission?: Record<string, unknown> } = {}) {
  const slug = `s${++n}`;
  return {
    round: ROUND,
    submissions: [{ slug, ...patch.submission }],
    runs: [{ submission: slug, workload: "w1", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 10 }, ...patch.run }],
  };
}

/** Sends `body` to both upload endpoints: each must answer 400 naming `path` (and `message`), and write no run. */
async function expect400(body: unknown, path: string, message: RegExp, raw = false) {
  for (const send of [uploadRest, uploadTrpc]) {
    const runs = await count("Run");
    const r = await send(body, token, raw);
    expect(r.status, JSON.stringify(r.body).slice(0, 1000)).toBe(400);
    const error = r.body.error;
    const issues: { path: string; message: string }[] = error.issues ?? error.data?.issues;
    expect(issues, JSON.stringify(error).slice(0, 1000)).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await count("Run")).toBe(runs);
  }
}

describe("numbers past the database columns are a 400 naming the field (int4: at most 2147483647)", () => {
  test("timeToTarget.steps 3e9", () =>
    expect400(upload({ run: { timeToTarget: { reached: true, steps: 3e9 } } }), "runs.0.timeToTarget.steps", /steps must be <= 2147483647/));
  test("evals.steps 3e9", () =>
    expect400(
      upload({ run: { timeToTarget: undefined, evals: { steps: [1, 3e9], times: [1, 2], metrics: [0.9, 0.4] } } }),
      "runs.0.evals.steps.1",
      /step must be <= 2147483647/,
    ));
  test.each([3e9, 1e15])("searchRank %d", (rank) =>
    expect400(upload({ submission: { searchRank: rank } }), "submissions.0.searchRank", /must be <= 2147483647/),
  );
  test("the largest int4 values are stored", async () => {
    const r = await uploadRest(
      upload({ run: { timeToTarget: { reached: true, seconds: 10, steps: 2147483647 } }, submission: { searchRank: 2147483647 } }),
      token,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.runs[0].steps).toBe(2147483647);
  });
});

describe("tRPC batches", () => {
  test("POST /api/v1/runs?batch=1 with a tRPC batch body → 400 and nothing stored, with or without a token", async () => {
    const anonymous = await post("/api/v1/runs?batch=1", { "0": {} });
    expect(anonymous.status).toBe(401);
    const before = await tableCounts();
    const empty = await post("/api/v1/runs?batch=1", { "0": {} }, { token });
    expect(empty.status, JSON.stringify(empty.body)).toBe(400);
    expect(empty.body.error.code).toBe("BAD_REQUEST");
    // A valid upload wrapped as a batch: before, it was stored and the client got a 500.
    const wrapped = await post("/api/v1/runs?batch=1", { "0": upload() }, { token });
    expect(wrapped.status, JSON.stringify(wrapped.body)).toBe(400);
    expect(wrapped.body.error.issues).toContainEqual({ path: "(root)", message: expect.stringMatching(/0/) });
    const after = await tableCounts();
    expect({ ...after, Upload: 0, AuditLog: 0 }).toEqual({ ...before, Upload: 0, AuditLog: 0 });
    expect(after.Upload).toBe(before.Upload! + 2); // the two rejections, recorded
  });

  test("a batch on /api/trpc holds at most 10 calls: 11 → 400 saying so; 10 pass", async () => {
    const calls = (k: number) => Array.from({ length: k }, () => "ingest.round").join(",");
    const input = (k: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: k }, (_, i) => [i, { round: ROUND }]))));
    const ten = await fetch(`${inject("baseUrl")}/api/trpc/${calls(10)}?batch=1&input=${input(10)}`);
    expect(ten.status).toBe(200);
    expect(await ten.json()).toHaveLength(10);
    const eleven = await fetch(`${inject("baseUrl")}/api/trpc/${calls(11)}?batch=1&input=${input(11)}`);
    expect(eleven.status).toBe(400);
    expect((await eleven.json()).error.message).toBe("a tRPC batch has at most 10 calls; this one has 11: send them in several requests");
  });

  test("an anonymous batch of 400 admin calls → 400, not one audit row", async () => {
    const paths = Array.from({ length: 400 }, () => "admin.hideSubmission").join(",");
    const audit = await count("AuditLog");
    const r = await post(`/api/trpc/${paths}?batch=1`, Object.fromEntries(Array.from({ length: 400 }, (_, i) => [i, { round: ROUND, submission: "x" }])));
    expect(r.status).toBe(400);
    expect(await count("AuditLog")).toBe(audit);
  });
});

test("an admin procedure with a body over 1 MiB → 413", async () => {
  const r = await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission: "x", padding: "x".repeat(1024 * 1024 + 10) }, { token: admin });
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(413);
  expect(r.body.error.message).toMatch(/larger than the limit of 1048576 bytes/);
});

describe("free-form JSON: prototype keys, non-finite numbers and deep nesting → 400 naming the path", () => {
  test.each([
    ["a nested __proto__", '{"a":{"__proto__":{"x":1}}}', "a.__proto__"],
    ["a top-level __proto__", '{"__proto__":{"x":1},"lr":0.1}', "__proto__"],
    ["constructor", '{"constructor":1}', "constructor"],
    ["prototype", '{"schedule":[{"prototype":2}]}', "schedule.0.prototype"],
  ])("run hyperparameters with %s", async (_, hyper, where) => {
    const body = JSON.stringify(upload()).replace('"timeToTarget"', `"hyperparameters":${hyper},"timeToTarget"`);
    await expect400(body, `runs.0.hyperparameters.${where}`, /is not allowed/, true);
  });

  test("submission hyperparameters with __proto__", async () => {
    const body = JSON.stringify(upload()).replace(
      /"submissions":\[\{("slug":"s\d+")\}\]/,
      '"submissions":[{$1,"hyperparameters":{"opt":{"__proto__":{"lr":1}}}}]',
    );
    await expect400(body, "submissions.0.hyperparameters.opt.__proto__", /the key "__proto__" is not allowed/, true);
  });

  test("1e400 in hyperparameters (JSON parses it to Infinity)", async () => {
    const body = JSON.stringify(upload()).replace('"timeToTarget"', '"hyperparameters":{"lr":1e400},"timeToTarget"');
    await expect400(body, "runs.0.hyperparameters.lr", /not a finite number/, true);
  });

  test("a body nested 100,000 levels deep → 'nested deeper than 64 levels', not a stack overflow", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const body = JSON.stringify(upload()).replace('"timeToTarget"', `"notes":${deep},"timeToTarget"`);
    for (const send of [uploadRest, uploadTrpc]) {
      const r = await send(body, token, true);
      expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(400);
      const text = JSON.stringify(r.body);
      expect(text).toContain("JSON nested deeper than 64 levels");
      expect(text).not.toMatch(/call stack/i);
    }
  });

  test("the same hyperparameters sent twice are unchanged the second time (no key dropped on the way in)", async () => {
    const body = upload({ run: { hyperparameters: { opt: { name: "adamw", betas: [0.9, 0.999] }, lr: 1e-3 } } });
    expect((await uploadRest(body, token)).status).toBe(201);
    const again = await uploadRest(body, token);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.counts).toMatchObject({ unchanged: 1 });
  });
});

describe("database errors by SQLSTATE class, as PostgreSQL raises them", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(inject("databaseUrl"), { max: 1 });
  });
  afterAll(() => db.$disconnect());
  const refused = async (query: () => Promise<unknown>) => {
    try {
      await query();
    } catch (error) {
      return asAppError(error);
    }
    throw new Error("the query succeeded");
  };

  test("22003 numeric value out of range and 22P02 invalid text representation → 400", async () => {
    expect((await refused(() => db.$queryRawUnsafe("SELECT 3000000000::bigint::int4")))?.status).toBe(400);
    expect((await refused(() => db.$queryRawUnsafe("SELECT 'x'::int4")))?.status).toBe(400);
  });
  test("23505 unique violation → 409", async () => {
    const name = unique("dup");
    await db.$executeRawUnsafe(`INSERT INTO "ApiToken" (name, hash, prefix) VALUES ($1, $2, 'x')`, name, name);
    const error = await refused(() => db.$executeRawUnsafe(`INSERT INTO "ApiToken" (name, hash, prefix) VALUES ($1, $2, 'x')`, name, `${name}2`));
    expect(error?.status).toBe(409);
    await db.$executeRawUnsafe(`DELETE FROM "ApiToken" WHERE name = $1`, name);
  });
  test("54000 program limit exceeded → 413", async () => {
    expect((await refused(() => db.$queryRawUnsafe("SELECT repeat('x', 1024 * 1024 * 1024)")))?.status).toBe(413);
  });
  test("57014 query canceled (statement timeout) → 503", async () => {
    const error = await refused(() =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL statement_timeout = 50");
        await tx.$queryRawUnsafe("SELECT pg_sleep(1)");
      }),
    );
    expect(error?.status).toBe(503);
  });
});
