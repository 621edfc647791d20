// The trust model for pools (docs/trust-model.md), through HTTP against the
// real stack: a published round is closed to upload tokens; what an upload
// token sends to an open round is unverified, outside the default pool (no
// published or default score moves), listed in its own section with a badge,
// and still addable to a pool by any reader, who is told the view includes
// unverified results; an admin verifies it with the CLI (audited).
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { count, tableCounts, withDb } from "../support/db";
import { createRound, createToken, dropRound, runCli, unique, uploadRest, uploadTrpc, workload } from "../support/ingest";

const OPEN = unique("test-trust-open");
const CLOSED = unique("test-trust-closed");
const base = inject("baseUrl");
let uploader: string;
let admin: string;

const get = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
};

/** A run of every workload at `seconds` (one study, one trial: the rounds below expect that). */
const runs = (submission: string, seconds: number) =>
  ["w1", "w2"].map((w) => ({ submission, workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds } }));

beforeAll(async () => {
  const workloads = [workload("w1"), workload("w2")];
  [uploader, admin] = await Promise.all([createToken(unique("trust-uploader")), createToken(unique("trust-admin"), "admin")]);
  await createRound({ slug: OPEN, workloads, studiesExpected: 1 });
  await createRound({ slug: CLOSED, workloads, studiesExpected: 1, published: true });
  // The rounds' verified members, uploaded by an admin (an admin's upload is its own verification).
  for (const round of [OPEN, CLOSED]) {
    const r = await uploadRest(
      { round, submissions: [{ slug: "honest-a" }, { slug: "honest-b" }], runs: [...runs("honest-a", 100), ...runs("honest-b", 200)] },
      admin,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});

afterAll(async () => {
  await Promise.all([dropRound(OPEN), dropRound(CLOSED)]);
});

test("an admin's upload is verified: the answer says so", async () => {
  const r = await uploadRest(
    { round: OPEN, submissions: [{ slug: "honest-a" }, { slug: "honest-b" }], runs: [...runs("honest-a", 100), ...runs("honest-b", 200)] },
    admin,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.submissions).toEqual([
    { slug: "honest-a", status: "unchanged", hidden: false, verified: true },
    { slug: "honest-b", status: "unchanged", hidden: false, verified: true },
  ]);
});

describe("published rounds are closed to upload tokens", () => {
  test.each([
    ["algoperf-v0.5-external", "REST"],
    ["paper-2505.24005", "tRPC"],
  ])("an upload token uploading into %s (%s) → 403 naming the rule; nothing but the rejection record is written", async (round, via) => {
    const body = {
      round,
      submissions: [{ slug: unique("poison") }],
      runs: [{ submission: "x", workload: "w", study: 0, trial: 1, timeToTarget: { reached: true, fraction: 1e-9 } }],
    };
    body.runs[0]!.submission = body.submissions[0]!.slug;
    const before = await tableCounts();
    const r = via === "REST" ? await uploadRest(body, uploader) : await uploadTrpc(body, uploader);
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    const message: string = r.body.error.message;
    expect(message).toContain(`round "${round}" holds published results and is closed to upload tokens: only an admin token may upload into it`);
    const after = await tableCounts();
    expect(after).toEqual({ ...before, Upload: before.Upload! + 1, AuditLog: before.AuditLog! + 1 });
  });

  test("the published default view is what it was: the scores of algoperf-v0.5-external do not include the attempt", async () => {
    const scores = (await get("/api/v1/rounds/algoperf-v0.5-external/scores")).json();
    expect(scores.submissions.every((s: { source: string }) => s.source === "published")).toBe(true);
    expect(scores.includesUnverified).toBe(false);
  });

  test("an admin token may still upload into a published round", async () => {
    const r = await uploadRest({ round: CLOSED, submissions: [{ slug: "admin-added" }], runs: runs("admin-added", 150) }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.submissions[0]).toMatchObject({ slug: "admin-added", verified: true });
  });
});

describe("uploads into an open round are unverified until an admin verifies them", () => {
  const ATTACKER = "fast-attacker";
  let defaultBefore: { scores: Record<string, number>; submissions: { key: string }[] };

  test("the upload answer says verified: false, and the default pool's scores do not change", async () => {
    defaultBefore = (await get(`/api/v1/rounds/${OPEN}/scores`)).json();
    expect(defaultBefore.submissions.map((s) => s.key)).toEqual(["honest-a", "honest-b"]);
    // Far faster than everyone: in the pool it would push every other score down.
    const r = await uploadRest({ round: OPEN, submissions: [{ slug: ATTACKER }], runs: runs(ATTACKER, 0.001) }, uploader);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.submissions).toEqual([{ slug: ATTACKER, status: "created", hidden: false, verified: false }]);

    const after = (await get(`/api/v1/rounds/${OPEN}/scores`)).json();
    expect(after.submissions.map((s: { key: string }) => s.key)).toEqual(["honest-a", "honest-b"]);
    expect(after.scores).toEqual(defaultBefore.scores);
    expect(after.includesUnverified).toBe(false);
    const lb = (await get(`/api/v1/rounds/${OPEN}/leaderboard`)).json();
    expect(lb.rows.map((row: { slug: string }) => row.slug).sort()).toEqual(["honest-a", "honest-b"]);
    expect(lb.includesUnverified).toBe(false);
    expect(lb.candidates.find((c: { slug: string }) => c.slug === ATTACKER)).toMatchObject({ verified: false, inDefaultPool: false, state: "outside" });
  });

  test("any reader can add it (add=, pool=); the answers flag that the view includes unverified results", async () => {
    const lb = (await get(`/api/v1/rounds/${OPEN}/leaderboard?add=${ATTACKER}`)).json();
    expect(lb.includesUnverified).toBe(true);
    expect(lb.rows.map((row: { slug: string }) => row.slug)).toContain(ATTACKER);
    expect(lb.rows.find((row: { slug: string }) => row.slug === ATTACKER)).toMatchObject({ verified: false });
    const scores = (await get(`/api/v1/rounds/${OPEN}/scores?pool=honest-a,honest-b,${ATTACKER}`)).json();
    expect(scores.includesUnverified).toBe(true);
    expect(scores.submissions.find((s: { key: string }) => s.key === ATTACKER)).toMatchObject({ verified: false });
    // The attacker's times change the others' scores only in this view.
    expect(scores.scores["honest-a"]).toBeLessThan(defaultBefore.scores["honest-a"]!);
  });

  test("the round's page lists it in its own section with an unverified badge; a view with it says so", async () => {
    const page = await get(`/rounds/${OPEN}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-section="unverified"');
    expect(page.text).toMatch(/Unverified uploads.*\(.*1.*\)/s);
    expect(page.text).toContain(`data-unverified="${ATTACKER}"`);
    expect(page.text).toContain('data-badge="unverified"');
    expect(page.text).not.toContain("data-unverified-notice");
    const added = await get(`/rounds/${OPEN}?add=${ATTACKER}`);
    expect(added.text).toContain("data-unverified-notice");
    expect(added.text).toContain("This view includes unverified results");
  });

  test("`cli submission verify` (admin, audited) moves it into the default pool; `unverify` takes it out again", async () => {
    const cliEnv = { ALGOPERF_URL: base };
    const denied = await runCli(["submission", "verify", OPEN, ATTACKER, "--token", uploader], cliEnv);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/HTTP 403/);

    const audits = await count("AuditLog", `action = 'admin.verifySubmission' AND target = $1 AND outcome = 'ok'`, [`${OPEN}/${ATTACKER}`]);
    const verified = await runCli(["submission", "verify", OPEN, ATTACKER, "--token", admin], cliEnv);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`${OPEN}/${ATTACKER}: verified`);
    expect(await count("AuditLog", `action = 'admin.verifySubmission' AND target = $1 AND outcome = 'ok'`, [`${OPEN}/${ATTACKER}`])).toBe(audits + 1);
    const scores = (await get(`/api/v1/rounds/${OPEN}/scores`)).json();
    expect(scores.submissions.map((s: { key: string }) => s.key)).toEqual([ATTACKER, "honest-a", "honest-b"]);
    expect(scores.includesUnverified).toBe(false);

    const unverified = await runCli(["submission", "unverify", OPEN, ATTACKER, "--token", admin], cliEnv);
    expect(unverified.code, unverified.stderr).toBe(0);
    expect(unverified.stdout).toContain(`${OPEN}/${ATTACKER}: unverified`);
    expect((await get(`/api/v1/rounds/${OPEN}/scores`)).json().scores).toEqual(defaultBefore.scores);
  });

  test("a verified upload changed again by its upload token is unverified again", async () => {
    const slug = "verified-then-changed";
    expect((await uploadRest({ round: OPEN, submissions: [{ slug }], runs: runs(slug, 300) }, uploader)).status).toBe(201);
    expect((await runCli(["submission", "verify", OPEN, slug, "--token", admin], { ALGOPERF_URL: base })).code).toBe(0);
    const more = await uploadRest(
      { round: OPEN, runs: [{ submission: slug, workload: "w1", study: 0, trial: 2, timeToTarget: { reached: true, seconds: 0.001 } }] },
      uploader,
    );
    expect(more.status, JSON.stringify(more.body)).toBe(201);
    expect(more.body.submissions).toEqual([{ slug, status: "unchanged", hidden: false, verified: false }]);
    const stored = await withDb(
      async (c) =>
        (await c.query(`SELECT s.verified FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND s.slug = $2`, [OPEN, slug])).rows[0],
    );
    expect(stored.verified).toBe(false);
  });

  test("algoperf-v0.6-self-tuning (open, seeded) takes uploads from upload tokens, unverified", async () => {
    const slug = unique("open-upload");
    const workloadKey = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT w.key FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = 'algoperf-v0.6-self-tuning' AND w.role = 'base' ORDER BY w.position LIMIT 1`,
          )
        ).rows[0].key as string,
    );
    const r = await uploadRest(
      {
        round: "algoperf-v0.6-self-tuning",
        submissions: [{ slug }],
        runs: [{ submission: slug, workload: workloadKey, study: 0, trial: 1, timeToTarget: { reached: false } }],
      },
      uploader,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.submissions).toEqual([{ slug, status: "created", hidden: false, verified: false }]);
    // Leave the shared round as it was (the admin action bumps its data version, so no cached view keeps it).
    expect((await runCli(["submission", "delete", "algoperf-v0.6-self-tuning", slug, "--yes", "--token", admin], { ALGOPERF_URL: base })).code).toBe(0);
  });
});
