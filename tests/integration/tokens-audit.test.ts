// Tokens and the audit trail: a token never appears in the server's output,
// in an answer or in any table (only its clear prefix and its hash are kept);
// every upload and admin action is audited with the token's name, the time
// and the outcome; a token changes (replaces, hides) only its own submissions
// unless it is an admin token.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { withDb } from "../support/db";
import { createRound, createToken, dropRound, runCli, unique, workload } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const ROUND = unique("test-tokens");

beforeAll(async () => {
  await createRound({ slug: ROUND, workloads: [workload("w1"), workload("w2")] });
});
afterAll(() => dropRound(ROUND));

interface Answer {
  status: number;
  /** Status line, headers and body as received, to search for leaks. */
  raw: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

/**
 * This file's own client address (the suite's app trusts its local proxy): rejected
 * anonymous calls are counted per address and minute, and other files' must not join ours.
 */
const CLIENT = `2001:db8:a0d1::${process.pid.toString(16)}`;

async function send(baseUrl: string, path: string, body: unknown, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": CLIENT };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, raw: `${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${text}`, body: json };
}

const run = (submission: string, study: number, seconds = 10) => ({ submission, workload: "w1", study, trial: 1, timeToTarget: { reached: true, seconds } });

describe("a token never leaks", () => {
  let app: App;
  let token: string;
  let admin: string;

  beforeAll(async () => {
    [app, token, admin] = await Promise.all([
      startApp(inject("databaseUrl"), { RATE_LIMIT_PER_TOKEN: "1000", RATE_LIMIT_PER_IP: "1000" }),
      createToken(unique("leak")),
      createToken(unique("leak-admin"), "admin"),
    ]);
  });
  afterAll(() => app?.stop());

  test("not in the server's stdout/stderr, the answers or the database, whatever the request", async () => {
    const secret = (t: string) => t.slice(12); // what follows the clear prefix (apl_ + 8 characters)
    const nearMiss = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const answers: Answer[] = [];
    const go = async (path: string, body: unknown, authorization?: string) => {
      const a = await send(app.baseUrl, path, body, authorization);
      answers.push(a);
      return a;
    };
    // Accepted, rejected in every way the server knows, and admin actions.
    expect((await go("/api/v1/runs", { round: ROUND, submissions: [{ slug: "leak" }], runs: [run("leak", 0)] }, `Bearer ${token}`)).status).toBe(201);
    expect((await go("/api/trpc/ingest.upload", { round: ROUND, runs: [run("leak", 0, 11)] }, `Bearer ${token}`)).status).toBe(409);
    expect((await go("/api/v1/runs", { round: ROUND, runs: [{ ...run("leak", 1), evals: {} }] }, `Bearer ${token}`)).status).toBe(400);
    expect((await go("/api/v1/runs", "{ not json", `Bearer ${token}`)).status).toBe(400);
    expect((await go("/api/trpc/admin.hideSubmission", { round: ROUND, submission: "leak" }, `Bearer ${token}`)).status).toBe(403);
    expect((await go("/api/trpc/admin.hideSubmission", { round: ROUND, submission: "leak", hidden: false }, `Bearer ${admin}`)).status).toBe(200);
    expect((await go("/api/trpc/admin.deleteSubmission", { round: ROUND, submission: "nothing" }, `Bearer ${admin}`)).status).toBe(404);
    for (const authorization of [
      `Bearer ${nearMiss}`,
      `Bearer ${token} ${token}`,
      `Basic ${token}`,
      token,
      `Bearer ${token.toUpperCase()}`,
      `Bearer ${secret(token)}`,
      "Bearer",
    ]) {
      const r = await go("/api/v1/runs", { round: ROUND, runs: [run("leak", 2)] }, authorization);
      expect(r.status, authorization.slice(0, 20)).toBe(401);
    }
    expect((await go("/api/v1/runs", { round: ROUND, runs: [run("leak", 2)] })).status).toBe(401);
    // Let the server flush what it prints.
    await new Promise((r) => setTimeout(r, 500));

    const log = app.log();
    for (const t of [token, admin, nearMiss]) {
      expect(log).not.toContain(secret(t));
      for (const a of answers) expect(a.raw).not.toContain(secret(t));
    }
    // The only stored trace of a token is its clear prefix and its sha256.
    const leaks = await withDb(async (c) => {
      const tables = (await c.query(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.t as string);
      const found: string[] = [];
      for (const t of tables) {
        for (const s of [secret(token), secret(admin), secret(nearMiss)]) {
          const n = Number((await c.query(`SELECT count(*) AS n FROM "${t}" x WHERE row_to_json(x)::text LIKE '%' || $1 || '%'`, [s])).rows[0].n);
          if (n > 0) found.push(`${t}: ${n}`);
        }
      }
      return found;
    });
    expect(leaks).toEqual([]);
  });
});

describe("ownership and the audit trail", () => {
  test("a sequence of uploads and admin actions is audited in order with token name, time and outcome; only the owner or an admin changes a submission", async () => {
    const started = new Date(Date.now() - 1000);
    const firstId = await withDb(async (c) => Number((await c.query(`SELECT coalesce(max(id), 0) AS id FROM "AuditLog"`)).rows[0].id));
    const [ownerName, otherName, adminName] = [unique("audit-owner"), unique("audit-other"), unique("audit-admin")];
    const owner = await createToken(ownerName);
    const other = await createToken(otherName);
    const admin = await createToken(adminName, "admin");
    const base = inject("baseUrl");
    const state = () =>
      withDb(
        async (c) =>
          (
            await c.query(
              `SELECT s.slug, s.hidden, x.study, x."timeSeconds" FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" LEFT JOIN "Run" x ON x."submissionId" = s.id WHERE r.slug = $1 AND s.slug = 'owned' ORDER BY x.study`,
              [ROUND],
            )
          ).rows,
      );

    expect(
      (await send(base, "/api/v1/runs", { round: ROUND, submissions: [{ slug: "owned" }], runs: [run("owned", 0), run("owned", 1)] }, `Bearer ${owner}`))
        .status,
    ).toBe(201);
    expect((await send(base, "/api/v1/runs", { round: ROUND, runs: [{ ...run("owned", 2), workload: "w9" }] }, `Bearer ${owner}`)).status).toBe(400);
    expect((await send(base, "/api/v1/runs", { round: ROUND, runs: [run("owned", 2)] }, "Bearer apl_wrongwrongwrongwrongwrongwrongwrongwrong")).status).toBe(
      401,
    );
    const stored = await state();

    // Another upload token may neither replace the owner's runs nor hide the submission; hiding is moderation, for admins only, even of one's own.
    const replace = await send(base, "/api/v1/runs", { round: ROUND, replace: true, runs: [run("owned", 0, 99)] }, `Bearer ${other}`);
    expect(replace.status).toBe(403);
    expect(replace.body.error.message).toContain(`token "${otherName}" may not write these runs`);
    expect(replace.body.error.issues).toEqual([
      { path: "runs.0", message: 'submission "owned" was created by another token; only that token or an admin token can change it' },
    ]);
    const newRunOfOther = await send(base, "/api/v1/runs", { round: ROUND, runs: [run("owned", 5)] }, `Bearer ${other}`);
    expect(newRunOfOther.status).toBe(403);
    expect((await send(base, "/api/trpc/admin.hideSubmission", { round: ROUND, submission: "owned" }, `Bearer ${other}`)).status).toBe(403);
    expect((await send(base, "/api/trpc/admin.hideSubmission", { round: ROUND, submission: "owned" }, `Bearer ${owner}`)).status).toBe(403);
    expect(await state()).toEqual(stored);

    // The owner replaces its own run; an admin may hide, unhide, replace and delete anyone's.
    expect((await send(base, "/api/v1/runs", { round: ROUND, replace: true, runs: [run("owned", 0, 20)] }, `Bearer ${owner}`)).status).toBe(201);
    expect((await send(base, "/api/trpc/admin.hideSubmission", { round: ROUND, submission: "owned" }, `Bearer ${admin}`)).status).toBe(200);
    expect((await state()).every((r) => r.hidden)).toBe(true);
    expect((await send(base, "/api/trpc/admin.hideSubmission", { round: ROUND, submission: "owned", hidden: false }, `Bearer ${admin}`)).status).toBe(200);
    expect((await send(base, "/api/v1/runs", { round: ROUND, replace: true, runs: [run("owned", 1, 30)] }, `Bearer ${admin}`)).status).toBe(201);
    expect((await state()).map((r) => [r.study, r.timeSeconds])).toEqual([
      [0, 20],
      [1, 30],
    ]);
    expect((await send(base, "/api/trpc/admin.deleteSubmission", { round: ROUND, submission: "owned" }, `Bearer ${admin}`)).status).toBe(200);
    const revoke = await runCli(["token", "revoke", ownerName]);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect((await send(base, "/api/v1/runs", { round: ROUND, submissions: [{ slug: "owned" }], runs: [run("owned", 0)] }, `Bearer ${owner}`)).status).toBe(401);

    const entries = await withDb(
      async (c) => (await c.query(`SELECT at, "tokenName", action, target, outcome, details FROM "AuditLog" WHERE id > $1 ORDER BY id`, [firstId])).rows,
    );
    const target = `${ROUND}/owned`;
    expect(entries.map((e) => [e.tokenName, e.action, e.target, e.outcome])).toEqual([
      ["(cli)", "token.create", ownerName, "ok"],
      ["(cli)", "token.create", otherName, "ok"],
      ["(cli)", "token.create", adminName, "ok"],
      [ownerName, "ingest.upload", `${ROUND}: owned`, "ok"],
      [ownerName, "ingest.upload", ROUND, "BAD_REQUEST"],
      [null, "ingest.upload", null, "UNAUTHORIZED"],
      [otherName, "ingest.upload", ROUND, "FORBIDDEN"],
      [otherName, "ingest.upload", ROUND, "FORBIDDEN"],
      [otherName, "admin.hideSubmission", target, "FORBIDDEN"],
      [ownerName, "admin.hideSubmission", target, "FORBIDDEN"],
      [ownerName, "ingest.upload", `${ROUND}: owned`, "ok"],
      [adminName, "admin.hideSubmission", target, "ok"],
      [adminName, "admin.unhideSubmission", target, "ok"],
      [adminName, "ingest.upload", `${ROUND}: owned`, "ok"],
      [adminName, "admin.deleteSubmission", target, "ok"],
      ["(cli)", "token.revoke", ownerName, "ok"],
      [null, "ingest.upload", null, "UNAUTHORIZED"],
    ]);
    // Times: in order, within the test.
    const times = entries.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[0]).toBeGreaterThanOrEqual(started.getTime());
    expect(times.at(-1)).toBeLessThanOrEqual(Date.now() + 1000);
    // What each outcome was about, without any token.
    expect(entries[4].details.message).toContain("runs.0.workload");
    expect(entries[16].details.message).toContain(`("${ownerName}") was revoked`);
    expect(entries[14].details).toMatchObject({ runs: 2, source: "uploaded" });
  });
});
