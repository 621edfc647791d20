// Pages stay small as data grows (issue 14 item 2): the round picker shows a
// bounded set of rounds (the featured ones, the most recently changed, the
// current one; at most 6 + 6 + 1) with a link to /rounds, which lists every
// round, searchable and 50 per page; a leaderboard of more than 50
// submissions shows 50 rows per page, the first page being the top of the
// ranking. Expectations come from the database and the JSON API.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { withDb } from "../support/db";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";

const PREFIX = unique("test-many-rounds");
const SLUGS = Array.from({ length: 16 }, (_, i) => `${PREFIX}-${String(i).padStart(2, "0")}`);
const BIG = unique("test-big-pool");
const MEMBERS = Array.from({ length: 63 }, (_, i) => `m${String(i).padStart(2, "0")}`);
let token: string;

const attrs = (html: string, attr: string) => [...html.matchAll(new RegExp(`${attr}="([^"]+)"`, "g"))].map((m) => m[1]!);
async function page(path: string): Promise<string> {
  const res = await fetch(`${inject("baseUrl")}${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
}
const oneRun = (submission: string, seconds: number[]) =>
  ["w1", "w2"].map((w, i) => ({ submission, workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds: seconds[i] } }));

beforeAll(async () => {
  // Admin uploads are verified, so they are ranked in the default view (docs/trust-model.md).
  token = await createToken(unique("page-size"), "admin");
  for (const [i, slug] of SLUGS.entries())
    await createRound({ slug, position: 2000 + i, studiesExpected: 1, trialsExpected: 1, workloads: [workload("w1"), workload("w2")] });
  await createRound({
    slug: BIG,
    position: 3000,
    studiesExpected: 1,
    trialsExpected: 1,
    workloads: [workload("w1", { budgetSeconds: 10_000 }), workload("w2", { budgetSeconds: 10_000 })],
  });
  // 63 submissions with distinct times: a strict ranking.
  const res = await uploadRest(
    { round: BIG, submissions: MEMBERS.map((slug) => ({ slug })), runs: MEMBERS.flatMap((m, i) => oneRun(m, [100 + i * 7, 900 - i * 5])) },
    token,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const slug of [...SLUGS, BIG]) await dropRound(slug);
});

describe("round picker", () => {
  test("at most 13 rounds: the published ones, the most recently changed, the current one; and a link to all of them", async () => {
    // An upload makes the second of the new rounds the most recently changed.
    const res = await uploadRest({ round: SLUGS[1], submissions: [{ slug: "a" }], runs: oneRun("a", [10, 10]) }, token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { total, published } = await withDb(async (c) => ({
      total: Number((await c.query(`SELECT count(*)::int AS n FROM "Round"`)).rows[0].n),
      published: (await c.query(`SELECT slug FROM "Round" WHERE position < 1000 ORDER BY position, slug`)).rows.map((r) => r.slug as string),
    }));
    expect(total).toBeGreaterThan(13 + 3);
    expect(published.length).toBe(5);
    const html = await page(`/rounds/${SLUGS[9]}`);
    const links = attrs(html, "data-round-link");
    expect(links.length).toBeLessThanOrEqual(13);
    for (const slug of published) expect(links).toContain(slug);
    expect(links).toContain(SLUGS[1]);
    expect(links).toContain(SLUGS[9]);
    expect(html).toMatch(new RegExp(`All (<!-- -->)?${total.toLocaleString("en-US")}(<!-- -->)? rounds`));
    expect(html).toMatch(/data-round-list-link="true"><a[^>]*href="\/rounds"/);
  });

  test("/rounds lists every round in site order, 50 per page, and finds rounds by words of their name or slug", async () => {
    const all = await withDb(async (c) => (await c.query(`SELECT slug FROM "Round" ORDER BY position, slug`)).rows.map((r) => r.slug as string));
    const seen: string[] = [];
    for (let p = 1; p <= Math.ceil(all.length / 50); p++) {
      const html = await page(`/rounds${p > 1 ? `?page=${p}` : ""}`);
      const rows = attrs(html, "data-round-row");
      expect(rows.length).toBeLessThanOrEqual(50);
      seen.push(...rows);
    }
    expect(seen).toEqual(all);
    expect(attrs(await page(`/rounds?q=${encodeURIComponent(PREFIX)}`), "data-round-row")).toEqual(SLUGS);
    expect(attrs(await page(`/rounds?q=${encodeURIComponent(`${SLUGS[3]} ${PREFIX}`)}`), "data-round-row")).toEqual([SLUGS[3]]);
    expect(attrs(await page(`/rounds?q=no-such-round-${PREFIX}`), "data-round-row")).toEqual([]);
    // A page past the end shows the last one.
    expect(attrs(await page(`/rounds?q=${encodeURIComponent(PREFIX)}&page=99`), "data-round-row")).toEqual(SLUGS);
  });
});

describe("leaderboard rows", () => {
  test("63 submissions: the default view shows the top 50 of the ranking, page 2 the other 13", async () => {
    const api = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/${BIG}/leaderboard`)).json();
    const ranked = (api.rows as { slug: string; rank: number }[]).sort((a, b) => a.rank - b.rank).map((r) => r.slug);
    expect(ranked).toHaveLength(63);
    const first = await page(`/rounds/${BIG}`);
    expect(attrs(first, "data-submission")).toEqual(ranked.slice(0, 50));
    expect(first).toContain('data-rows-shown="1-50"');
    expect(first).toMatch(/href="\/rounds\/[^"]+\?page=2"/);
    const second = await page(`/rounds/${BIG}?page=2`);
    expect(attrs(second, "data-submission")).toEqual(ranked.slice(50));
    expect(second).toContain('data-rows-shown="51-63"');
  });
});
