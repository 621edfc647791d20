// The submission page: eval curves with the target line are drawn from
// RunEvals rows (written here straight into the database, as an upload
// would), and user-supplied strings are shown as text, never as markup.
import { packSteps, packValues } from "@/lib/db/eval-columns";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, screenshot } from "../support/browser";
import { withDb } from "../support/db";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface RunRow {
  id: number;
  study: number;
  trial: number;
  reached: boolean;
  firstHitIndex: number | null;
  timeSeconds: number | null;
}

/** An eval series consistent with the stored run: the metric first meets the target at the run's first-hit index and time. */
function series(run: RunRow, target: number, budget: number) {
  const n = run.reached ? run.firstHitIndex! + 4 : 12;
  const hitAt = run.reached ? run.firstHitIndex! : n + 10;
  const end = run.reached ? run.timeSeconds! : budget;
  const times = Array.from({ length: n }, (_, i) => (end * (i + 1)) / (Math.min(hitAt, n - 1) + 1));
  const metrics = Array.from({ length: n }, (_, i) => (i < hitAt ? target * (0.3 + (0.69 * (i + 1)) / (hitAt + 1)) : target + 0.001 * (i - hitAt + 1)));
  const steps = Array.from({ length: n }, (_, i) => 500 * (i + 1));
  return { times, metrics, steps };
}

test("eval curves: one line per run with uploaded evals, the target line, first hits marked, and the data behind them", async () => {
  const { runs, target } = await withDb(async (c) => {
    const runs = (
      await c.query(
        `SELECT x.id, x.study, x.trial, x.reached, x."firstHitIndex", x."timeSeconds" FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId" JOIN "Workload" w ON w.id = x."workloadId"
         WHERE r.slug = 'algoperf-v0.5-external' AND s.slug = 'amos' AND w.key = 'ogbg' ORDER BY x.study, x.trial`,
      )
    ).rows as RunRow[];
    const w = (
      await c.query(
        `SELECT w.target, w."budgetSeconds" FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = 'algoperf-v0.5-external' AND w.key = 'ogbg'`,
      )
    ).rows[0];
    for (const run of runs) {
      const s = series(run, w.target, w.budgetSeconds);
      await c.query(`INSERT INTO "RunEvals" ("runId", steps, times, metrics) VALUES ($1, $2, $3, $4)`, [
        run.id,
        packSteps(s.steps),
        packValues(s.times),
        packValues(s.metrics),
      ]);
    }
    return { runs, target: w.target as number };
  });
  const { page, errors, close } = await openPage(browser);
  try {
    expect(runs.length).toBe(25);
    await goto(page, `${inject("baseUrl")}/rounds/algoperf-v0.5-external/submissions/amos`);
    const figure = page.locator('[data-eval-workload="ogbg"]');
    expect(await figure.locator("svg").getAttribute("data-eval-curves")).toBe(String(runs.length));
    expect(Number(await figure.locator("[data-target]").getAttribute("data-target"))).toBe(target);
    expect(await figure.locator("[data-run] path").count()).toBe(runs.length);
    expect(await figure.locator("[data-run] circle").count()).toBe(runs.filter((r) => r.reached).length);
    const firstHits = await figure.locator('[data-table="eval-summary"] tbody tr td:nth-child(3)').allTextContents();
    expect(firstHits).toEqual(runs.map((r) => (r.reached ? String(r.firstHitIndex) : "not reached")));
    expect(await page.locator('[data-eval-workload="criteo1tb"]').count()).toBe(0);
    await figure.scrollIntoViewIfNeeded();
    await screenshot(page, "submission-v05-amos-eval-curves");

    const csv = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/algoperf-v0.5-external/submissions/amos/evals?format=csv`)).text();
    const total = runs.reduce((n, r) => n + (r.reached ? r.firstHitIndex! + 4 : 12), 0);
    expect(csv.trim().split("\n")).toHaveLength(total + 1);
    expect(errors).toEqual([]);
  } finally {
    await close();
    await withDb((c) => c.query(`DELETE FROM "RunEvals" WHERE "runId" = ANY($1)`, [runs.map((r) => r.id)]));
  }
});
