import { expect, inject, test } from "vitest";
import { withDb } from "../support/db";

test("the home page lists the rounds, the paper's workloads and submissions, and the v0.5 external submissions from the database", async () => {
  const res = await fetch(`${inject("baseUrl")}/`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const section = (slug: string) => {
    const start = html.indexOf(`data-round="${slug}"`);
    expect(start, slug).toBeGreaterThan(-1);
    const next = html.indexOf("data-round=", start + 1);
    return html.slice(start, next === -1 ? undefined : next);
  };
  const attrs = (chunk: string, attr: string) => [...chunk.matchAll(new RegExp(`${attr}="([^"]+)"`, "g"))].map((m) => m[1]);

  const expected = await withDb(async (c) => {
    const q = async (slug: string) =>
      (await c.query(`SELECT s.slug FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND NOT s.hidden ORDER BY s.slug`, [slug])).rows.map((r) => r.slug);
    return { paper: await q("paper-2505.24005"), v05: await q("algoperf-v0.5-external") };
  });

  const paper = section("paper-2505.24005");
  expect(attrs(paper, "data-workload")).toHaveLength(8);
  expect(attrs(paper, "data-submission").sort()).toEqual(expected.paper);
  expect(expected.paper.length).toBeGreaterThanOrEqual(37);
  expect(attrs(paper, "data-submission")).toContain("schedule-free-adamw");
  const v05 = attrs(section("algoperf-v0.5-external"), "data-submission").sort();
  expect(v05).toEqual(expected.v05);
  expect(v05).toHaveLength(11);
});
