// The JSON/CSV endpoints behind the pages: pools defined by filters are
// scored among themselves (equal to the scores endpoint for the same explicit
// pool), every table has a CSV twin, and bad parameters are named.
import { csvParse } from "d3";
import { describe, expect, inject, test } from "vitest";
import { withDb } from "../support/db";
import { readPublished } from "../support/published";

const PAPER = "paper-2505.24005";

async function get(path: string) {
  const res = await fetch(`${inject("baseUrl")}${path}`);
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, disposition: res.headers.get("content-disposition"), body: type.includes("json") ? await res.json() : await res.text() };
}

/** Slugs of the round's default pool with a SQL condition, in listing order. */
async function poolWhere(round: string, condition: string): Promise<string[]> {
  return withDb(async (c) =>
    (
      await c.query(
        `SELECT s.slug FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND NOT s.hidden AND s."inDefaultPool" AND ${condition} ORDER BY s.slug`,
        [round],
      )
    ).rows.map((r) => r.slug as string),
  );
}

interface Row {
  slug: string;
  rank: number;
  score: number;
  targetsHit: number;
  horizon: number | null;
  family: string | null;
  cells: Record<string, { ratio: number | string; time: number | string; status: string }>;
}

describe("GET /api/v1/rounds/<round>/leaderboard", () => {
  test("the default view equals the scores endpoint for the round's default pool", async () => {
    const [lb, scores] = await Promise.all([get(`/api/v1/rounds/${PAPER}/leaderboard`), get(`/api/v1/rounds/${PAPER}/scores`)]);
    expect(lb.status).toBe(200);
    expect(lb.body.settings.mode).toBe(scores.body.settings.mode);
    expect(lb.body.rows.map((r: Row) => r.slug)).toEqual(scores.body.ranking);
    for (const r of lb.body.rows as Row[]) {
      expect(r.score).toBe(scores.body.scores[r.slug]);
      expect(r.targetsHit).toBe(scores.body.targetsHit[r.slug]);
      for (const [w, c] of Object.entries(r.cells)) expect(c).toMatchObject(scores.body.cells[r.slug][w]);
    }
    expect(lb.body.pool.isDefault).toBe(true);
  });

  test("a horizon filter scores only those configurations, among themselves", async () => {
    const expected = await poolWhere(PAPER, `s.horizon = 0.66`);
    expect(expected).toHaveLength(12);
    const [lb, scores, full] = await Promise.all([
      get(`/api/v1/rounds/${PAPER}/leaderboard?horizon=66`),
      get(`/api/v1/rounds/${PAPER}/scores?pool=${expected.join(",")}`),
      get(`/api/v1/rounds/${PAPER}/leaderboard`),
    ]);
    const rows = lb.body.rows as Row[];
    expect(rows.map((r) => r.slug).sort()).toEqual(expected);
    expect(rows.every((r) => r.horizon === 0.66)).toBe(true);
    for (const r of rows) expect(r.score).toBe(scores.body.scores[r.slug]);
    const fullScore = new Map((full.body.rows as Row[]).map((r) => [r.slug, r.score]));
    expect(rows.filter((r) => r.score !== fullScore.get(r.slug)).length).toBeGreaterThan(0);
    expect(lb.body.pool.isDefault).toBe(false);
  });

  test("family, base algorithm and source filters combine (AND across groups, OR within)", async () => {
    const lrFree = await poolWhere(PAPER, `s.family = 'learning-rate-free: distance-based'`);
    const lb = await get(`/api/v1/rounds/${PAPER}/leaderboard?family=${encodeURIComponent("learning-rate-free: distance-based")}&horizon=33&horizon=50`);
    const twoHorizons = await poolWhere(PAPER, `s.family = 'learning-rate-free: distance-based' AND s.horizon IN (0.33, 0.5)`);
    expect((lb.body.rows as Row[]).map((r) => r.slug).sort()).toEqual(twoHorizons);
    expect(twoHorizons.length).toBeLessThan(lrFree.length);
    const scores = await get(`/api/v1/rounds/${PAPER}/scores?pool=${twoHorizons.join(",")}`);
    for (const r of lb.body.rows as Row[]) expect(r.score).toBe(scores.body.scores[r.slug]);

    const imported = await get(`/api/v1/rounds/${PAPER}/leaderboard?add=schedule-free-adamw&source=imported`);
    expect((imported.body.rows as Row[]).map((r) => r.slug)).toEqual(["schedule-free-adamw"]);
    const adam = await get(`/api/v1/rounds/${PAPER}/leaderboard?base=AdamW&base=NadamW`);
    expect((adam.body.rows as Row[]).length).toBe((await poolWhere(PAPER, `s."baseAlgorithm" IN ('AdamW', 'NadamW')`)).length);
  });

  test("adding the imported Schedule-Free row reproduces Appendix F: AdamW 33% drops from 0.498 to 0.478 (exact integration)", async () => {
    const [without, withSf] = await Promise.all([
      get(`/api/v1/rounds/${PAPER}/leaderboard?integration=exact`),
      get(`/api/v1/rounds/${PAPER}/leaderboard?add=schedule-free-adamw&integration=exact`),
    ]);
    const score = (b: { rows: Row[] }, slug: string) => b.rows.find((r) => r.slug === slug)!.score;
    expect(without.body.rows).toHaveLength(36);
    expect(withSf.body.rows).toHaveLength(37);
    expect(score(without.body, "adamw-33-1").toFixed(3)).toBe("0.498");
    expect(score(withSf.body, "adamw-33-1").toFixed(3)).toBe("0.478");
    expect(withSf.body.settings.integration).toBe("exact");
    expect(withSf.body.candidates.find((c: { slug: string }) => c.slug === "schedule-free-adamw").state).toBe("member");
    const removed = await get(`/api/v1/rounds/${PAPER}/leaderboard?remove=adamw-33-1`);
    expect((removed.body.rows as Row[]).some((r) => r.slug === "adamw-33-1")).toBe(false);
    expect(removed.body.rows).toHaveLength(35);
  });

  test("?format=csv has the same rows and numbers as the JSON", async () => {
    const q = `horizon=50&integration=exact`;
    const [json, csv] = await Promise.all([get(`/api/v1/rounds/${PAPER}/leaderboard?${q}`), get(`/api/v1/rounds/${PAPER}/leaderboard?${q}&format=csv`)]);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.disposition).toMatch(/attachment; filename=".*leaderboard\.csv"/);
    const parsed = csvParse(csv.body as string);
    expect(parsed.map((r) => r.slug)).toEqual((json.body.rows as Row[]).map((r) => r.slug));
    for (const [i, r] of (json.body.rows as Row[]).entries()) {
      expect(Number(parsed[i]!.score)).toBe(r.score);
      expect(Number(parsed[i]!.targets_hit)).toBe(r.targetsHit);
      expect(parsed[i]!.criteo1tb_status).toBe(r.cells.criteo1tb!.status);
      expect(parsed[i]!.criteo1tb_time).toBe(String(r.cells.criteo1tb!.time));
    }
    expect(parsed[0]!.scoring_mode).toBe(json.body.settings.mode);
  });

  test("Accept: text/csv without ?format answers the CSV; ?format wins over Accept", async () => {
    const url = `${inject("baseUrl")}/api/v1/rounds/${PAPER}/leaderboard?horizon=50`;
    const [byFormat, byAccept, formatWins] = await Promise.all([
      fetch(`${url}&format=csv`).then((r) => r.text()),
      fetch(url, { headers: { accept: "text/csv" } }),
      fetch(`${url}&format=json`, { headers: { accept: "text/csv" } }),
    ]);
    expect(byAccept.headers.get("content-type")).toMatch(/text\/csv/);
    expect(byAccept.headers.get("vary")).toMatch(/(^|,\s*)accept(\s*,|$)/i);
    expect(await byAccept.text()).toBe(byFormat);
    expect(formatWins.headers.get("content-type")).toMatch(/application\/json/);
  });

  test("bad parameters are named with the valid values; an unknown round is a 404", async () => {
    const bad = await get(`/api/v1/rounds/${PAPER}/leaderboard?horizon=45&family=nope&integration=simpson`);
    expect(bad.status).toBe(400);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("integration");
    expect(bad.body.error.message).toMatch(/integration: expected one of trapezoid, exact/);
    const unknownValues = await get(`/api/v1/rounds/${PAPER}/leaderboard?horizon=45&family=nope`);
    expect(unknownValues.status).toBe(400);
    expect(unknownValues.body.error.message).toMatch(/unknown horizon "45".*"33", "50", "66"/);
    expect(unknownValues.body.error.message).toMatch(/unknown family "nope".*"adaptive baseline"/);
    const slug = await get(`/api/v1/rounds/${PAPER}/leaderboard?add=adamw-99-9`);
    expect(slug.status).toBe(400);
    expect(slug.body.error.issues[0].path).toBe("add");
    expect((await get(`/api/v1/rounds/nope/leaderboard`)).status).toBe(404);
    const format = await get(`/api/v1/rounds/${PAPER}/leaderboard?format=xml`);
    expect(format.status).toBe(400);
    expect(format.body.error.message).toMatch(/format: expected one of json, csv/);
  });

  test("an empty pool is an empty leaderboard, not an error", async () => {
    const empty = await get(`/api/v1/rounds/algoperf-v0.6-self-tuning/leaderboard`);
    expect(empty.status).toBe(200);
    expect(empty.body.rows).toEqual([]);
    expect(empty.body.settings).toBeNull();
  });
});

describe("profiles, workloads, submissions, paper", () => {
  test("profiles: rho on the scoring grid, as the scores endpoint; CSV one row per tau", async () => {
    const [p, s, csv] = await Promise.all([
      get(`/api/v1/rounds/algoperf-v0.5-external/profiles?tauMax=3`),
      get(`/api/v1/rounds/algoperf-v0.5-external/scores?tauMax=3`),
      get(`/api/v1/rounds/algoperf-v0.5-external/profiles?tauMax=3&format=csv`),
    ]);
    expect(p.body.tau).toEqual(s.body.tau);
    for (const sub of p.body.submissions) expect(sub.rho).toEqual(s.body.profiles[sub.key]);
    const rows = csvParse(csv.body as string);
    expect(rows).toHaveLength(s.body.tau.length);
    expect(rows.columns).toEqual(["tau", ...s.body.ranking]);
    expect(Number(rows[rows.length - 1]!.tau)).toBe(3);
  });

  test("workloads: the list, and one workload's table agrees with the leaderboard cells", async () => {
    const list = await get(`/api/v1/rounds/algoperf-v0.5-external/workloads`);
    expect(list.body.workloads.map((w: { key: string }) => w.key)).toHaveLength(8);
    expect(list.body.workloads.find((w: { key: string }) => w.key === "ogbg").variants.map((v: { key: string }) => v.key)).toContain("ogbg_model_size");

    const [t, lb] = await Promise.all([get(`/api/v1/rounds/algoperf-v0.5-external/workloads/ogbg`), get(`/api/v1/rounds/algoperf-v0.5-external/leaderboard`)]);
    expect(t.status).toBe(200);
    expect(t.body.heldOut.key).toBe("ogbg_model_size");
    expect(t.body.rows).toHaveLength(11);
    const cells = new Map((lb.body.rows as Row[]).map((r) => [r.slug, r.cells.ogbg!]));
    for (const r of t.body.rows) {
      expect(r.ratio).toEqual(cells.get(r.slug)!.ratio);
      expect(r.status).toBe(cells.get(r.slug)!.status);
      expect(r.perStudy).toHaveLength(5);
    }
    // Counted cells come first, fastest first.
    const counted = t.body.rows.filter((r: { status: string }) => r.status === "hit").map((r: { time: number }) => r.time);
    expect(counted).toEqual([...counted].sort((a, b) => a - b));
    expect(t.body.rows[0].status).toBe("hit");
    const csv = csvParse((await get(`/api/v1/rounds/algoperf-v0.5-external/workloads/ogbg?format=csv`)).body as string);
    expect(csv.map((r) => r.slug)).toEqual(t.body.rows.map((r: { slug: string }) => r.slug));

    const unknown = await get(`/api/v1/rounds/algoperf-v0.5-external/workloads/mnist`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/unknown workload "mnist".*criteo1tb/);
  });

  test("a submission: configuration, standing in the default pool, every run (CSV), 404 naming the round's submissions", async () => {
    const v = await get(`/api/v1/rounds/algoperf-v0.5-external/submissions/amos`);
    expect(v.status).toBe(200);
    const lb = await get(`/api/v1/rounds/algoperf-v0.5-external/leaderboard`);
    const row = (lb.body.rows as Row[]).find((r) => r.slug === "amos")!;
    expect(v.body.context).toMatchObject({ rank: row.rank, score: row.score, poolSize: 11, added: false });
    const runs = await withDb(async (c) =>
      Number(
        (
          await c.query(
            `SELECT count(*) n FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = 'algoperf-v0.5-external' AND s.slug = 'amos'`,
          )
        ).rows[0].n,
      ),
    );
    expect(v.body.workloads.reduce((n: number, w: { runs: unknown[] }) => n + w.runs.length, 0)).toBe(runs);
    const csv = csvParse((await get(`/api/v1/rounds/algoperf-v0.5-external/submissions/amos?format=csv`)).body as string);
    expect(csv).toHaveLength(runs);

    // The imported row is scored with itself added to the default pool.
    const sf = await get(`/api/v1/rounds/${PAPER}/submissions/schedule-free-adamw`);
    expect(sf.body.context).toMatchObject({ added: true, poolSize: 37, rank: 1 });
    expect(sf.body.submission.source).toBe("imported");

    const unknown = await get(`/api/v1/rounds/algoperf-v0.5-external/submissions/amoss`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/unknown submission "amoss".*amos/);
  });

  test("/submissions/<slug> redirects when the slug is unique and lists the rounds when it is not", async () => {
    const res = await fetch(`${inject("baseUrl")}/submissions/amos`, { redirect: "manual" });
    expect([307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/\/rounds\/algoperf-v0\.5-external\/submissions\/amos$/);
    const many = await get(`/submissions/baseline`);
    const rounds = await withDb(async (c) => Number((await c.query(`SELECT count(*) n FROM "Submission" WHERE slug = 'baseline' AND NOT hidden`)).rows[0].n));
    expect(rounds).toBeGreaterThan(1);
    expect(((many.body as string).match(/\/rounds\/[^"]+\/submissions\/baseline"/g) ?? []).length).toBe(rounds);
    expect((await fetch(`${inject("baseUrl")}/submissions/no-such-thing`)).status).toBe(404);
  });

  test("the paper view reproduces Table 6 and Appendix F within the inputs' rounding (exact), and within 0.002 on the official grid", async () => {
    interface PaperTables {
      table6_scores: { rows: { display_name: string; score: number; appendix_e_row: string }[] };
      appendix_f_with_schedule_free: { rows: { display_name: string; score: number; appendix_e_row?: string }[] };
    }
    const paper = readPublished<PaperTables>("paper_tables.json");
    for (const [integration, tolerance] of [
      ["exact", 0.001],
      ["trapezoid", 0.002],
    ] as const) {
      const v = await get(`/api/v1/paper?integration=${integration}`);
      expect(v.status).toBe(200);
      expect(v.body.integration).toBe(integration);
      const bySlug = new Map(v.body.rows.map((r: { slug: string }) => [r.slug, r]));
      const slug = (name: string) =>
        name
          .toLowerCase()
          .replace(/%/g, "")
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "");
      for (const row of paper.table6_scores.rows) {
        const r = bySlug.get(slug(row.appendix_e_row)) as { without: { score: number }; published: { table6: number } };
        expect(r.published.table6).toBe(row.score);
        expect(Math.abs(r.without.score - row.score), row.display_name).toBeLessThanOrEqual(tolerance);
      }
      for (const row of paper.appendix_f_with_schedule_free.rows) {
        const r = bySlug.get(row.appendix_e_row ? slug(row.appendix_e_row) : "schedule-free-adamw") as { with: { score: number } };
        expect(Math.abs(r.with.score - row.score), row.display_name).toBeLessThanOrEqual(tolerance);
      }
    }
    const v = await get(`/api/v1/paper`);
    expect(v.body.table5.rows).toHaveLength(12);
    expect(v.body.table4.rows.length).toBeGreaterThanOrEqual(12);
    const csv = csvParse((await get(`/api/v1/paper?format=csv`)).body as string);
    expect(csv).toHaveLength(37);
    expect((await get(`/api/v1/paper?integration=simpson`)).status).toBe(400);
  });

  test("the paper's source notes are served as text, and only those", async () => {
    const notes = await get(`/paper/sources/PAPER_NOTES.md`);
    expect(notes.status).toBe(200);
    expect(notes.type).toMatch(/text\/plain/);
    expect(notes.body).toMatch(/Notes on paper_tables\.json/);
    expect((await get(`/paper/sources/paper_tables.json`)).status).toBe(404);
    expect((await get(`/paper/sources/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
