// `/` is the paper round's leaderboard with the round picker: it lists the
// 8 paper workloads, the 36 scored configurations, offers the imported
// Schedule-Free row, and links to the published rounds (the v0.5 external
// round's 11 submissions one click away; every other round is on /rounds, see
// page-size.test.ts). Expectations come from the database.
import { expect, inject, test } from "vitest";
import { withDb } from "../support/db";

const attrs = (html: string, attr: string) => [...html.matchAll(new RegExp(`${attr}="([^"]+)"`, "g"))].map((m) => m[1]!);

async function page(path: string) {
  const res = await fetch(`${inject("baseUrl")}${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
}

test("the home page shows the paper round's leaderboard and links to the published rounds, from the database", async () => {
  const expected = await withDb(async (c) => {
    const q = async (sql: string, slug: string) => (await c.query(sql, [slug])).rows.map((r) => r.key as string);
    return {
      workloads: await q(
        `SELECT w.key FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = $1 AND w.role = 'base' ORDER BY w.position`,
        "paper-2505.24005",
      ),
      paperPool: await q(
        `SELECT s.slug AS key FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND NOT s.hidden AND s."inDefaultPool" ORDER BY s.slug`,
        "paper-2505.24005",
      ),
      paperAll: await q(
        `SELECT s.slug AS key FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND NOT s.hidden ORDER BY s.slug`,
        "paper-2505.24005",
      ),
      v05: await q(
        `SELECT s.slug AS key FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND NOT s.hidden ORDER BY s.slug`,
        "algoperf-v0.5-external",
      ),
      rounds: await q(`SELECT slug AS key FROM "Round" WHERE $1 = $1 ORDER BY position, slug`, ""),
      published: await q(`SELECT slug AS key FROM "Round" WHERE position < $1::int ORDER BY position, slug`, "1000"),
    };
  });
  const html = await page("/");
  expect(html).toContain("Kasimbeg");
  expect(attrs(html, "data-workload-header")).toEqual(expected.workloads);
  expect(expected.workloads).toHaveLength(8);
  expect(attrs(html, "data-submission").sort()).toEqual(expected.paperPool);
  expect(expected.paperPool).toHaveLength(36);
  // Every submission of the round is listed in the pool editor, the imported row with its own button.
  expect(attrs(html, "data-candidate").sort()).toEqual(expected.paperAll);
  expect(html).toMatch(/data-action="add-imported" data-slug="schedule-free-adamw"/);
  // The picker: a bounded set of rounds in site order, the published ones among them.
  const picked = attrs(html, "data-round-link");
  expect(picked.length).toBeLessThanOrEqual(13);
  expect(picked).toEqual(expected.rounds.filter((r) => picked.includes(r)));
  for (const slug of expected.published) expect(picked).toContain(slug);

  // The index at the foot of the page lists every round's submissions, the v0.5 external round's 11 among them.
  const directory = html.slice(html.indexOf('data-directory-round="algoperf-v0.5-external"'));
  expect(attrs(directory.slice(0, directory.indexOf("data-directory-round=", 10)), "data-directory-submission").sort()).toEqual(expected.v05);

  const href = html.match(/data-round-link="algoperf-v0\.5-external"><a[^>]*href="([^"]+)"/)?.[1];
  expect(href).toBe("/rounds/algoperf-v0.5-external");
  const v05 = attrs(await page(href!), "data-submission").sort();
  expect(v05).toEqual(expected.v05);
  expect(v05).toHaveLength(11);
});

test("the pages render their data into the HTML, before any JavaScript runs", async () => {
  const profiles = await page("/rounds/paper-2505.24005/profiles");
  expect(profiles).toMatch(/<svg[^>]*id="profile-plot"[^>]*data-curves="36"/);
  expect((profiles.match(/<path class="series" data-series=/g) ?? []).length).toBe(36);
  const workload = await page("/workloads/ogbg?round=algoperf-v0.5-external");
  expect((workload.match(/<tr data-submission=/g) ?? []).length).toBe(11);
  expect(workload).toMatch(/<svg[^>]*id="times-chart"/);
});
