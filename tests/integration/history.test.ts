// History you can cite (docs/history.md), through HTTP against the real stack:
// upload, replace, hide and delete in sequence; the leaderboard JSON at each
// earlier version (?at=) equals what it was then (recorded during the test);
// a pinned view never changes after later writes and is served immutable; the
// changes between two versions list exactly the rank and score moves of the
// default pool (expected values taken from the recorded JSONs); the paper's
// view at the seed's version keeps the paper's numbers after an upload.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { withDb } from "../support/db";
import { createRound, createToken, dropRound, post, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-history");
const PAPER = "paper-2505.24005";
const base = inject("baseUrl");
let admin: string;

const get = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: () => JSON.parse(text) };
};
const leaderboard = (at?: number | string) => get(`/api/v1/rounds/${ROUND}/leaderboard${at === undefined ? "" : `?at=${at}`}`);
const runs = (submission: string, w1: number, w2: number) => [
  { submission, workload: "w1", study: 0, trial: 1, timeToTarget: { reached: true, seconds: w1 } },
  { submission, workload: "w2", study: 0, trial: 1, timeToTarget: { reached: true, seconds: w2 } },
];
const admin_ = (procedure: string, input: object) => post(`/api/trpc/admin.${procedure}`, input, { token: admin });

/** Version → leaderboard JSON text, recorded right after each write. */
const recorded = new Map<number, string>();
const versions: Record<string, number> = {};

beforeAll(async () => {
  admin = await createToken(unique("history-admin"), "admin");
  await createRound({ slug: ROUND, workloads: [workload("w1"), workload("w2")], studiesExpected: 1 });
  const record = async (step: string, version: number) => {
    versions[step] = version;
    const lb = await leaderboard();
    expect(lb.status, lb.text).toBe(200);
    expect(lb.json().round.dataVersion).toBe(version);
    recorded.set(version, lb.text);
  };
  const upload = await uploadRest(
    {
      round: ROUND,
      submissions: [{ slug: "alpha" }, { slug: "beta" }, { slug: "gamma" }],
      runs: [...runs("alpha", 100, 400), ...runs("beta", 200, 200), ...runs("gamma", 300, 100)],
    },
    admin,
  );
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  await record("upload", upload.body.dataVersion);
  const replace = await uploadRest({ round: ROUND, replace: true, runs: runs("alpha", 100, 150) }, admin);
  expect(replace.status, JSON.stringify(replace.body)).toBe(201);
  expect(replace.body.counts.replaced).toBe(1);
  await record("replace", replace.body.dataVersion);
  const hide = await admin_("hideSubmission", { round: ROUND, submission: "beta", hidden: true });
  expect(hide.status, JSON.stringify(hide.body)).toBe(200);
  await record("hide", versions.replace! + 1);
  const del = await admin_("deleteSubmission", { round: ROUND, submission: "gamma" });
  expect(del.status, JSON.stringify(del.body)).toBe(200);
  await record("delete", versions.hide! + 1);
});

afterAll(async () => {
  await dropRound(ROUND);
});

test("the leaderboard JSON at each earlier version (?at=<version>) equals what it was then", async () => {
  expect(recorded.size).toBe(4);
  for (const [version, text] of recorded) {
    const pinned = await leaderboard(version);
    expect(pinned.status, pinned.text).toBe(200);
    expect(pinned.json(), `version ${version}`).toEqual(JSON.parse(text));
  }
  // The sequence really changed the view: alpha's replaced run, beta hidden, gamma deleted.
  const slugs = (v: number) =>
    JSON.parse(recorded.get(v)!)
      .rows.map((r: { slug: string }) => r.slug)
      .sort();
  expect(slugs(versions.upload!)).toEqual(["alpha", "beta", "gamma"]);
  expect(slugs(versions.hide!)).toEqual(["alpha", "gamma"]);
  expect(slugs(versions.delete!)).toEqual(["alpha"]);
});

test("a pinned view never changes after later writes, is immutable, and ?at=<ISO date> names the version current then", async () => {
  const first = await leaderboard(versions.upload!);
  expect(first.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  // Another write after everything recorded: the pinned views stay as they were.
  const more = await uploadRest({ round: ROUND, submissions: [{ slug: "delta" }], runs: runs("delta", 50, 50) }, admin);
  expect(more.status, JSON.stringify(more.body)).toBe(201);
  for (const [version, text] of recorded) expect((await leaderboard(version)).json()).toEqual(JSON.parse(text));
  const now = (await leaderboard()).json();
  expect(now.rows.map((r: { slug: string }) => r.slug)).toContain("delta");
  // A date after the last write but before now resolves to the current version: the date of a version is when it was written.
  const timeline = (await get(`/api/v1/rounds/${ROUND}/versions`)).json();
  expect(timeline.versions.map((v: { version: number }) => v.version)).toEqual([
    more.body.dataVersion,
    versions.delete,
    versions.hide,
    versions.replace,
    versions.upload,
    versions.upload! - 1,
  ]);
  expect(timeline.versions.map((v: { action: string }) => v.action)).toEqual(["upload", "delete", "hide", "replace", "upload", "seed"]);
  const hideAt = timeline.versions.find((v: { action: string }) => v.action === "hide").at;
  const byDate = await leaderboard(encodeURIComponent(hideAt));
  expect(byDate.status, byDate.text).toBe(200);
  expect(byDate.json()).toEqual(JSON.parse(recorded.get(versions.hide!)!));
});

test("a bad ?at= is a 400 naming the parameter, on the API and on pages", async () => {
  for (const at of ["yesterday", "999999", "2999-01-01"]) {
    const r = await leaderboard(at);
    expect(r.status, r.text).toBe(400);
    expect(r.json().error.issues[0].path).toBe("at");
  }
  const page = await get(`/rounds/${ROUND}?at=yesterday`);
  expect(page.status).toBe(400);
  expect(page.text).toContain("at: expected a version number");
  const pinnedPage = await get(`/rounds/${ROUND}?at=${versions.hide}`);
  expect(pinnedPage.status).toBe(200);
  expect(pinnedPage.text.replaceAll("<!-- -->", "")).toContain(`Viewing version ${versions.hide} of`);
  expect(pinnedPage.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  // Its downloads are the pinned data: the leaderboard's CSV and JSON links carry the same `at`, and answer the pinned table.
  const links = [...pinnedPage.text.matchAll(/href="(\/api\/v1\/rounds\/[^"]*\/leaderboard[^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  expect(links.length).toBeGreaterThanOrEqual(2);
  for (const link of links) expect(new URL(link, base).searchParams.get("at")).toBe(String(versions.hide));
  const json = links.find((l) => !l.includes("format=csv"))!;
  expect((await get(json)).text).toBe((await leaderboard(versions.hide)).text);
  expect((await get(json)).text).not.toBe((await leaderboard()).text);
  // The current page links the current data.
  const current = await get(`/rounds/${ROUND}`);
  const currentLinks = [...current.text.matchAll(/href="(\/api\/v1\/rounds\/[^"]*\/leaderboard[^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  expect(currentLinks.length).toBeGreaterThanOrEqual(2);
  for (const link of currentLinks) expect(new URL(link, base).searchParams.has("at")).toBe(false);
});

test("the changes between two versions list exactly the rank and score moves of the default pool", async () => {
  const before = JSON.parse(recorded.get(versions.upload!)!).rows as { slug: string; rank: number; score: number }[];
  const after = JSON.parse(recorded.get(versions.delete!)!).rows as { slug: string; rank: number; score: number }[];
  const expected = [...after, ...before.filter((b) => !after.some((a) => a.slug === b.slug))]
    .map((r) => {
      const b = before.find((x) => x.slug === r.slug);
      const a = after.find((x) => x.slug === r.slug);
      return { slug: r.slug, rankBefore: b?.rank ?? null, rankAfter: a?.rank ?? null, scoreBefore: b?.score ?? null, scoreAfter: a?.score ?? null };
    })
    .filter((m) => m.rankBefore !== m.rankAfter || m.scoreBefore !== m.scoreAfter);
  const changes = await get(`/api/v1/rounds/${ROUND}/changes?from=${versions.upload}&to=${versions.delete}`);
  expect(changes.status, changes.text).toBe(200);
  const body = changes.json();
  expect(body.moves.map(({ displayName: _d, ...m }: { displayName: string }) => m)).toEqual(expected);
  expect(expected.length).toBeGreaterThan(0);
  expect(body.hidden).toEqual([{ slug: "beta", displayName: "beta" }]);
  expect(body.removed).toEqual([{ slug: "gamma", displayName: "gamma" }]);
  expect(body.added).toEqual([]);
  expect(body.versions.map((v: { action: string; runs: number }) => [v.action, v.runs])).toEqual([
    ["delete", 2],
    ["hide", 2],
    ["replace", 1],
  ]);
  const csv = await get(`/api/v1/rounds/${ROUND}/changes?from=${versions.upload}&to=${versions.delete}&format=csv`);
  expect(csv.text.split("\n")[0]).toBe("change,slug,name,rank_before,rank_after,score_before,score_after");
  expect(csv.text).toContain("hidden,beta,beta");
  const page = await get(`/rounds/${ROUND}/changes?from=${versions.upload}&to=${versions.delete}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain("Rank and score moves");
});

test("the paper's view at the seed's version keeps the paper's numbers after an upload", async () => {
  const timeline = (await get(`/api/v1/rounds/${PAPER}/versions`)).json();
  const seed = timeline.versions.findLast((v: { action: string }) => v.action === "seed" || v.action === "baseline").version;
  const published = await get(`/api/v1/rounds/${PAPER}/scores`);
  const w = (await get(`/api/v1/rounds/${PAPER}/leaderboard`)).json().workloads[0].key;
  const slug = unique("history-fast");
  const up = await uploadRest(
    { round: PAPER, submissions: [{ slug }], runs: [{ submission: slug, workload: w, study: 1, trial: 1, timeToTarget: { reached: true, fraction: 0.001 } }] },
    admin,
  );
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  try {
    const now = (await get(`/api/v1/rounds/${PAPER}/scores`)).json();
    expect(now.scores).not.toEqual(published.json().scores);
    const pinned = await get(`/api/v1/rounds/${PAPER}/scores?at=${seed}`);
    expect(pinned.json().scores).toEqual(published.json().scores);
    expect(pinned.json().ranking).toEqual(published.json().ranking);
  } finally {
    // Later test files read the paper's current view.
    const del = await admin_("deleteSubmission", { round: PAPER, submission: slug });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
  }
});

test("purge removes a deleted submission from every kept state, as a version of its own, audited with the reason", async () => {
  const kept = () =>
    withDb(async (c) => {
      const ids = (
        await c.query(`SELECT h.id FROM "SubmissionHistory" h JOIN "Round" r ON r.id = h."roundId" WHERE r.slug = $1 AND h."row"->>'slug' = 'gamma'`, [ROUND])
      ).rows.map((r) => r.id);
      const runs = Number((await c.query(`SELECT count(*) AS n FROM "RunHistory" WHERE "submissionId" = ANY($1)`, [ids])).rows[0].n);
      const results = Number((await c.query(`SELECT count(*) AS n FROM "WorkloadResultHistory" WHERE "submissionId" = ANY($1)`, [ids])).rows[0].n);
      return { submissions: ids.length, runs, results };
    });
  // Deleted at versions.delete, kept for the versions before.
  expect(await kept()).toEqual({ submissions: 1, runs: 2, results: 2 });
  const purge = await admin_("purgeSubmission", { round: ROUND, submission: "gamma", reason: "legal request 42" });
  expect(purge.status, JSON.stringify(purge.body)).toBe(200);
  expect(purge.body.result.data.rows).toEqual({ submissions: 1, runs: 2, evals: 0, results: 2 });
  expect(await kept()).toEqual({ submissions: 0, runs: 0, results: 0 });
  const timeline = (await get(`/api/v1/rounds/${ROUND}/versions`)).json();
  expect(timeline.versions[0]).toMatchObject({ action: "purge", submissions: ["gamma"] });
  const again = await admin_("purgeSubmission", { round: ROUND, submission: "gamma", reason: "twice" });
  expect(again.status).toBe(404);
  const audit = await withDb(
    async (c) =>
      (await c.query(`SELECT outcome, details FROM "AuditLog" WHERE action = 'admin.purgeSubmission' AND target = $1 ORDER BY id`, [`${ROUND}/gamma`])).rows,
  );
  expect(audit.map((a) => a.outcome)).toEqual(["ok", "NOT_FOUND"]);
  expect(audit[0].details).toEqual({ reason: "legal request 42", submissions: 1, runs: 2, evals: 0, results: 2 });
});

test("a replaced run's eval series is read back at the earlier version from its kept row (packed bytes through to_jsonb), NaN included", async () => {
  const round = unique("test-history-evals");
  await createRound({ slug: round, workloads: [workload("w1")], studiesExpected: 1 });
  try {
    const run = (times: number[], metrics: (number | null)[]) => ({
      submission: "delta",
      workload: "w1",
      study: 0,
      trial: 1,
      evals: { steps: [10, 2147483647], times, metrics },
    });
    const first = await uploadRest({ round, submissions: [{ slug: "delta" }], runs: [run([0.1, 3845.9997606277466], [null, 5e-324])] }, admin);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await uploadRest({ round, replace: true, runs: [run([7, 8], [0.5, 0.25])] }, admin);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.counts.replaced).toBe(1);
    const series = async (at?: number) => {
      const res = await get(`/api/v1/rounds/${round}/submissions/delta/evals?format=json${at === undefined ? "" : `&at=${at}`}`);
      expect(res.status, res.text).toBe(200);
      return res.json().runs.map((r: { steps: number[]; times: number[]; metrics: (number | string)[] }) => [r.steps, r.times, r.metrics]);
    };
    // The API writes NaN as "nan".
    expect(await series(first.body.dataVersion)).toEqual([
      [
        [10, 2147483647],
        [0.1, 3845.9997606277466],
        ["nan", 5e-324],
      ],
    ]);
    expect(await series()).toEqual([
      [
        [10, 2147483647],
        [7, 8],
        [0.5, 0.25],
      ],
    ]);
  } finally {
    await dropRound(round);
  }
});
