// Head to head in Chromium: the compare page is reached from a leaderboard row
// in two clicks (desktop and phone), and every number it shows equals the
// JSON of GET .../compare; the speedup matrix and robustness views render the
// JSON's numbers; the leaderboard shows a verdict per row.
import { packSteps, packValues } from "@/lib/db/eval-columns";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { goto, launchBrowser, screenshot, settled } from "../support/browser";
import { withDb } from "../support/db";

const V05 = "algoperf-v0.5-external";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(device: "desktop" | "phone") {
  const context = await browser.newContext(
    device === "phone"
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1400, height: 1000 } },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  return { page, errors, close: () => context.close() };
}

async function json(path: string) {
  const res = await fetch(`${inject("baseUrl")}${path}`);
  expect(res.status).toBe(200);
  return res.json();
}

/** The numbers on the compare page equal the endpoint's. */
async function expectPageEqualsJson(page: Page, a: string, b: string) {
  const body = await json(`/api/v1/rounds/${V05}/compare?a=${a}&b=${b}`);
  const rows = page.locator('[data-table="compare"] tbody tr');
  expect(await rows.count()).toBe(body.workloads.length);
  for (const w of body.workloads) {
    const row = page.locator(`[data-table="compare"] tr[data-workload="${w.workload}"]`);
    const ratio = row.locator('[data-field="ratio"]');
    expect(Number(await ratio.getAttribute("data-value")), w.workload).toBe(w.ratio);
    expect((await ratio.textContent())?.trim()).toBe(w.ratio.toFixed(3));
    expect(await row.locator('[data-field="winner"]').getAttribute("data-value")).toBe(String(w.winner));
  }
  const speedup = page.locator('[data-field="speedup"]');
  expect(Number(await speedup.getAttribute("data-value"))).toBe(body.speedup.value);
  expect((await speedup.textContent())?.trim()).toBe(body.speedup.value.toFixed(3));
  expect(JSON.parse((await page.locator('[data-field="interval"]').getAttribute("data-value"))!)).toEqual(body.speedup.interval);
  expect(Number(await page.locator('[data-field="a-faster"]').getAttribute("data-value"))).toBe(body.speedup.aFaster);
  for (const k of ["wins", "losses", "ties"]) expect(Number(await page.locator(`[data-field="${k}"]`).textContent())).toBe(body[k]);
  expect(Number(await page.locator('[data-standing="a"] [data-field="score"]').getAttribute("data-value"))).toBe(body.a.score);
  expect(Number(await page.locator('[data-standing="b"] [data-field="score"]').getAttribute("data-value"))).toBe(body.b.score);
  await expect(page.locator("[data-convention]").textContent()).resolves.toContain("budget + 1 s");
}

describe("compare page", () => {
  for (const device of ["desktop", "phone"] as const) {
    test(`${device}: from a leaderboard row in two clicks; the page's numbers equal the JSON's`, async () => {
      const { page, errors, close } = await open(device);
      try {
        await goto(page, `${inject("baseUrl")}/rounds/${V05}`);
        // Click 1: the row's compare link (Shampoo against the next submission).
        await Promise.all([page.waitForURL(/\/compare\?/), page.locator('[data-compare-link="shampoo_submission"]').click()]);
        await settled(page);
        const url = new URL(page.url());
        expect(url.searchParams.get("a")).toBe("shampoo_submission");
        expect(url.searchParams.get("b")).toBe("schedule_free_adamw");
        await expectPageEqualsJson(page, "shampoo_submission", "schedule_free_adamw");
        // Submissions of rounds with the same workloads and time basis are offered too.
        expect(await page.locator('[data-picker="b"] option[value="algoperf-v0.5-self-tuning/baseline"]').count()).toBe(1);
        // Action 2: pick B, which applies at once.
        await Promise.all([page.waitForURL(/b=baseline/), page.selectOption('[data-picker="b"]', "baseline")]);
        await settled(page);
        await expectPageEqualsJson(page, "shampoo_submission", "baseline");
        expect(await page.locator("#compare-profiles [data-series]").count()).toBe(2);
        // Nothing wider than the screen (the tables scroll inside their own box).
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
        await screenshot(page, `compare-${device}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  test("both submissions' eval curves on one chart per workload where uploaded (RunEvals written as an upload would), A solid, B dashed", async () => {
    // NadamP and Cyclic LR on WMT: a rising-to-target series per run, consistent with the stored first hit.
    const runs = await withDb(async (c) => {
      const rows = (
        await c.query(
          `SELECT x.id, s.slug, x.reached, x."firstHitIndex", x."timeSeconds", w.target FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId" JOIN "Workload" w ON w.id = x."workloadId"
           WHERE r.slug = $1 AND s.slug IN ('nadamp', 'cyclic_lr') AND w.key = 'wmt' AND x.study = 0`,
          [V05],
        )
      ).rows as { id: number; slug: string; reached: boolean; firstHitIndex: number | null; timeSeconds: number | null; target: number }[];
      for (const r of rows) {
        const n = r.reached ? r.firstHitIndex! + 2 : 8;
        const hit = r.reached ? r.firstHitIndex! : n + 5;
        const end = r.reached ? r.timeSeconds! : 40_000;
        const times = Array.from({ length: n }, (_, i) => (end * (i + 1)) / (Math.min(hit, n - 1) + 1));
        const metrics = Array.from({ length: n }, (_, i) => (i < hit ? r.target * (0.5 + (0.49 * (i + 1)) / (hit + 1)) : r.target + 0.01));
        await c.query(`INSERT INTO "RunEvals" ("runId", steps, times, metrics) VALUES ($1, $2, $3, $4)`, [
          r.id,
          packSteps(times.map((_, i) => 100 * (i + 1))),
          packValues(times),
          packValues(metrics),
        ]);
      }
      return rows;
    });
    const { page, errors, close } = await open("desktop");
    try {
      expect(runs.filter((r) => r.slug === "nadamp").length).toBeGreaterThan(0);
      expect(runs.filter((r) => r.slug === "cyclic_lr").length).toBeGreaterThan(0);
      await goto(page, `${inject("baseUrl")}/compare?round=${V05}&a=nadamp&b=cyclic_lr`);
      const figure = page.locator('[data-eval-workload="wmt"]');
      expect(await figure.locator("[data-run]").count()).toBe(runs.length);
      expect(await figure.locator('[data-run^="A-"] path').count()).toBe(runs.filter((r) => r.slug === "nadamp").length);
      expect(await figure.locator('[data-run^="B-"] path').count()).toBe(runs.filter((r) => r.slug === "cyclic_lr").length);
      // One style per side: A solid, B dashed.
      expect(await figure.locator('[data-run^="A-"] path[stroke-dasharray]').count()).toBe(0);
      expect(await figure.locator('[data-run^="B-"] path[stroke-dasharray]').count()).toBe(runs.filter((r) => r.slug === "cyclic_lr").length);
      expect(await page.locator("[data-eval-workload]").count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
      await withDb((c) => c.query(`DELETE FROM "RunEvals" WHERE "runId" = ANY($1)`, [runs.map((r) => r.id)]));
    }
  });

  test("the leaderboard shows a one-line robustness verdict per row, equal to the robustness JSON's", async () => {
    const { page, errors, close } = await open("desktop");
    try {
      await goto(page, `${inject("baseUrl")}/rounds/${V05}`);
      const body = await json(`/api/v1/rounds/${V05}/robustness?resamples=50`);
      for (const m of body.submissions) {
        const text = await page.locator(`tr[data-submission="${m.key}"] [data-field="head-to-head"] [data-verdict]`).textContent();
        expect(text?.trim(), m.key).toBe(m.verdict);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("speedup matrix and robustness views", () => {
  test("the heat map has every pair in score order with the JSON's speedups; the robustness view lists, for the top 3, the workloads that change their order", async () => {
    const { page, errors, close } = await open("desktop");
    try {
      await goto(page, `${inject("baseUrl")}/analysis/${V05}/speedups?resamples=200`);
      const s = await json(`/api/v1/rounds/${V05}/speedups?resamples=200`);
      expect(await page.locator("[data-cell]").count()).toBe(11 * 11);
      const [a, b] = [s.members[0].key, s.members[1].key];
      expect(Number(await page.locator(`[data-cell="${a}|${b}"]`).getAttribute("data-value"))).toBe(s.matrix[0][1].speedup);
      await expect(page.locator(`[data-cell="${a}|${b}"] title`).textContent()).resolves.toContain("95% interval");
      await screenshot(page, "analysis-speedups");

      await goto(page, `${inject("baseUrl")}/analysis/${V05}/robustness?resamples=100`);
      const r = await json(`/api/v1/rounds/${V05}/robustness?resamples=100`);
      expect(await page.locator('[data-table="robustness"] tbody tr').count()).toBe(11);
      for (const p of r.pairs.slice(0, 2)) {
        const cell = await page.locator(`[data-pair="${p.upper}|${p.lower}"] [data-field="changed-by"]`).textContent();
        expect(cell?.trim()).toBe(p.changedBy.length ? p.changedBy.join(", ") : "no single workload");
      }
      // The renormalised profiles without a chosen workload: one curve per member, y axis in sevenths.
      await Promise.all([page.waitForURL(/without=ogbg/), page.locator('[data-section="renormalised"] a', { hasText: "−ogbg" }).click()]);
      await settled(page);
      expect(await page.locator("#renormalised-profiles [data-series]").count()).toBe(11);
      await expect(page.locator('[data-section="renormalised"] h3').textContent()).resolves.toBe("Profiles without ogbg");
      await screenshot(page, "analysis-robustness");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
