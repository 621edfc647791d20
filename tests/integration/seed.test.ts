import { describe, expect, inject, test } from "vitest";
import { createDb } from "@/lib/db/create-db";
import { seedPublishedData } from "@/scripts/seed";
import { tableCounts, withDb } from "../support/db";
import { readPublished } from "../support/published";

interface Leaderboards {
  rounds: Array<{ benchmark_version: string; ruleset: string; submissions: Record<string, Record<string, Record<string, unknown[]>>> }>;
}
interface Paper {
  workloads: Record<string, unknown>;
  appendix_e_all_methods: { rows: Array<{ display_name: string; score: number }> };
  table4_naive_best_validation: { rows: unknown[] };
}

const roundSlug = (r: { benchmark_version: string; ruleset: string }) => `algoperf-${r.benchmark_version}-${r.ruleset}`;

describe("the seed", () => {
  test("loads the five rounds with the stable slugs", async () => {
    const slugs = await withDb(async (c) => (await c.query(`SELECT slug FROM "Round" ORDER BY slug`)).rows.map((r) => r.slug));
    expect(slugs).toEqual(["algoperf-v0.5-external", "algoperf-v0.5-self-tuning", "algoperf-v0.6-external", "algoperf-v0.6-self-tuning", "paper-2505.24005"]);
  });

  test("loads every trial of the published AlgoPerf leaderboards", async () => {
    const file = readPublished<Leaderboards>("algoperf_leaderboards.json");
    for (const round of file.rounds) {
      const expectedSubs = Object.keys(round.submissions).sort();
      const expectedRuns = Object.values(round.submissions).flatMap((dirs) => Object.values(dirs).flatMap((studies) => Object.values(studies).flat())).length;
      const [subs, runs] = await withDb(async (c) => [
        (
          await c.query(`SELECT s.slug FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 ORDER BY s.slug`, [roundSlug(round)])
        ).rows.map((r) => r.slug),
        Number((await c.query(`SELECT count(*) AS n FROM "Run" x JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1`, [roundSlug(round)])).rows[0].n),
      ]);
      expect(subs, roundSlug(round)).toEqual(expectedSubs);
      expect(runs, roundSlug(round)).toBe(expectedRuns);
    }
  });

  test("loads the paper's workloads, 36 configurations, naive methods and the imported Schedule-Free row", async () => {
    const paper = readPublished<Paper>("paper_tables.json");
    const rows = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT s.slug, s."displayName", s.source, s."inDefaultPool", s."publishedScore" FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = 'paper-2505.24005'`,
          )
        ).rows,
    );
    const workloads = await withDb(async (c) =>
      Number(
        (await c.query(`SELECT count(*) AS n FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = 'paper-2505.24005' AND w.role = 'base'`))
          .rows[0].n,
      ),
    );
    expect(workloads).toBe(Object.keys(paper.workloads).length);
    const pool = rows.filter((r) => r.inDefaultPool);
    expect(pool.map((r) => r.displayName).sort()).toEqual(paper.appendix_e_all_methods.rows.map((r) => r.display_name).sort());
    const imported = rows.filter((r) => r.source === "imported");
    expect(imported).toEqual([expect.objectContaining({ slug: "schedule-free-adamw", inDefaultPool: false })]);
    expect(rows.filter((r) => r.slug.startsWith("naive-"))).toHaveLength(paper.table4_naive_best_validation.rows.length);
  });

  test("a second seed adds and changes nothing", async () => {
    const before = await tableCounts();
    const versions = await withDb(async (c) => (await c.query(`SELECT slug, "dataVersion" FROM "Round" ORDER BY slug`)).rows);
    const prisma = createDb(inject("databaseUrl"), { max: 1 });
    try {
      await seedPublishedData(prisma);
    } finally {
      await prisma.$disconnect();
    }
    expect(await tableCounts()).toEqual(before);
    expect(await withDb(async (c) => (await c.query(`SELECT slug, "dataVersion" FROM "Round" ORDER BY slug`)).rows)).toEqual(versions);
  });
});
