// The analysis pages in Chromium: each renders its server-side SVG and the
// data table behind it, reacts to its controls, and logs no console error,
// failed request or HTTP error. A screenshot each (tests/artifacts/screenshots).
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, screenshot, settled } from "../support/browser";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";
import { PHONE } from "../support/site-pages";

const PAPER = "paper-2505.24005";
const V05 = "algoperf-v0.5-external";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens `path`, runs `body`, then checks that nothing went wrong in the browser. */
async function visit(path: string, body: (page: Page) => Promise<void>, colorScheme: "light" | "dark" = "light") {
  const { page, errors, close } = await openPage(browser, { colorScheme });
  try {
    await goto(page, `${inject("baseUrl")}${path}`);
    await body(page);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}

/** Submits the view's GET form and waits for the new page. */
async function submit(page: Page) {
  await Promise.all([page.waitForURL(/\?/), page.locator('[data-form="pool"] button[type="submit"]').click()]);
  await settled(page);
}

describe("analysis pages", () => {
  test("index and overview: rounds, views, and tabs that keep the pool", async () => {
    await visit("/analysis", async (page) => {
      expect(await page.locator("[data-round]").count()).toBe(5);
      await Promise.all([page.waitForURL(`**/analysis/${PAPER}`), page.locator(`[data-round="${PAPER}"] h2 a`).click()]);
      expect(await page.locator("[data-view]").count()).toBe(10);
      await goto(page, `${inject("baseUrl")}/analysis/${PAPER}/horizon?pool=adamw-33-1,adamw-50-2,adamw-66-1&integration=exact`);
      const href = await page.locator('[data-view-link="calibration"]').getAttribute("href");
      expect(href).toContain("pool=adamw-33-1%2Cadamw-50-2%2Cadamw-66-1");
      expect(href).toContain("integration=exact");
      await screenshot(page, "analysis-overview");
    });
  });

  test("uncertainty: interval bars and table for v0.5 external; new seed and resamples from the form", async () => {
    await visit(`/analysis/${V05}/uncertainty`, async (page) => {
      const chart = page.locator('svg[data-chart="interval-bars"]');
      expect(await chart.locator("[data-row]").count()).toBe(11);
      expect(await chart.locator("[data-interval]").count()).toBe(11);
      expect(await page.locator('[data-table="uncertainty"] tbody tr').count()).toBe(11);
      expect(await page.locator("[data-groups] li").count()).toBeGreaterThan(1);
      await expect(page.locator("[data-settings]").textContent()).resolves.toContain("seed 1");
      await page.fill('input[name="seed"]', "2");
      await page.fill('input[name="resamples"]', "200");
      await submit(page);
      expect(page.url()).toContain("seed=2");
      await expect(page.locator("[data-settings]").textContent()).resolves.toMatch(/seed 2 · 200 resamples/);
      expect(await page.locator('svg[data-chart="interval-bars"] [data-interval]').count()).toBe(11);
      await screenshot(page, "analysis-uncertainty");
    });
  });

  test("uncertainty: the paper's round says no interval can be computed and draws points only (dark mode)", async () => {
    await visit(
      `/analysis/${PAPER}/uncertainty`,
      async (page) => {
        await expect(page.locator('[data-notice="info"]').textContent()).resolves.toMatch(/no interval can be computed/);
        expect(await page.locator('svg[data-chart="interval-bars"] [data-point]').count()).toBe(36);
        expect(await page.locator('svg[data-chart="interval-bars"] [data-interval]').count()).toBe(0);
        await screenshot(page, "analysis-uncertainty-paper-dark");
      },
      "dark",
    );
  });

  test("sensitivity: choose Schedule-Free for the Appendix F view, then sort the leave-one-out table", async () => {
    await visit(`/analysis/${PAPER}/sensitivity`, async (page) => {
      const table = page.locator('[data-table="sortable"]');
      expect(await table.locator("tbody tr").count()).toBe(36);
      await table.locator('button[data-sort="rank"]').click();
      await expect(table.locator("th", { has: page.locator('[data-sort="rank"]') }).getAttribute("aria-sort")).resolves.toBe("ascending");
      await expect(table.locator("tbody tr").first().getAttribute("data-row")).resolves.toBe("adamw-33-1");

      await page.selectOption('select[name="submission"]', "schedule-free-adamw");
      await page.selectOption('select[name="integration"]', "exact");
      await submit(page);
      await expect(page.locator("[data-summary]").textContent()).resolves.toMatch(/Adding Schedule-Free/);
      const row = page.locator('[data-table="sensitivity"] tr[data-row="adamw-33-1"] td');
      await expect(row.nth(1).textContent()).resolves.toBe("0.478");
      await expect(row.nth(3).textContent()).resolves.toBe("0.498");
      expect(await page.locator('svg[data-chart="shift"] [data-row]').count()).toBe(36);
      await screenshot(page, "analysis-sensitivity");
    });
  });

  test("horizon: two charts and the table; a legend click highlights one algorithm", async () => {
    await visit(`/analysis/${PAPER}/horizon?integration=exact`, async (page) => {
      expect(await page.locator('svg[data-chart="horizon"]').count()).toBe(2);
      expect(await page.locator('[data-table="horizon"] tbody tr').count()).toBe(12);
      await expect(page.locator("[data-summary]").textContent()).resolves.toMatch(/Best horizon: .*AdamW 33%/);
      const other = page.locator('svg[data-chart="horizon"] [data-series="NadamW"]').first();
      expect(await other.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
      await page.locator('button[data-legend="AdamW"]').click();
      await expect(page.locator('button[data-legend="AdamW"]').getAttribute("aria-pressed")).resolves.toBe("true");
      await page.mouse.move(0, 0);
      expect(await other.evaluate((el) => getComputedStyle(el).opacity)).toBe("0.12");
      expect(
        await page
          .locator('svg[data-chart="horizon"] [data-series="AdamW"]')
          .first()
          .evaluate((el) => getComputedStyle(el).opacity),
      ).toBe("1");
      await screenshot(page, "analysis-horizon");
    });
  });

  test("calibration: the table sorts by any column; k comes from the form", async () => {
    await visit(`/analysis/${PAPER}/calibration`, async (page) => {
      const table = page.locator('[data-table="sortable"]');
      expect(await table.locator("tbody tr").count()).toBe(36);
      expect(await page.locator('svg[data-chart="scatter"] [data-point]').count()).toBe(36);
      await table.locator('button[data-sort="score"]').click();
      await table.locator('button[data-sort="score"]').click();
      const scores = await table.locator("tbody tr td:nth-child(9)").allTextContents();
      expect(scores.map(Number)).toEqual([...scores.map(Number)].sort((a, b) => b - a));
      await page.fill('input[name="k"]', "1");
      await submit(page);
      expect(page.url()).toContain("k=1");
      const tops = await page.locator('[data-table="calibration-groups"] tbody tr td:nth-child(3)').allTextContents();
      expect(tops).toHaveLength(12);
      expect(tops.every((t) => !t.includes("›"))).toBe(true);
      await screenshot(page, "analysis-calibration");
    });
  });

  test("tau sensitivity: bump chart and table; hovering a legend entry highlights a line; the sweep comes from the form", async () => {
    await visit(`/analysis/${V05}/tau`, async (page) => {
      const chart = page.locator('svg[data-chart="bump"]');
      expect(await chart.locator("g[data-series] path").count()).toBe(11);
      expect(await page.locator('[data-table="tau"] tbody tr').count()).toBe(11);
      await page.locator('button[data-legend="amos"]').hover();
      expect(
        await chart
          .locator('g[data-series="baseline"]')
          .first()
          .evaluate((el) => getComputedStyle(el).opacity),
      ).toBe("0.12");
      await page.fill('input[name="steps"]', "4");
      await page.fill('input[name="from"]', "1.5");
      await submit(page);
      expect(await page.locator('[data-table="tau"] thead th').count()).toBe(1 + 4 + 1);
      await screenshot(page, "analysis-tau");
      // The leaderboard's pool editor: one link takes amos out; the URL holds the pool, the sweep stays, and the round's tabs carry the pool.
      await page.locator("#pool-heading ~ details > summary, section[aria-labelledby='pool-heading'] details > summary").first().click();
      await Promise.all([page.waitForURL(/pool=/), page.locator('[data-candidate="amos"] a').click()]);
      await settled(page);
      const url = new URL(page.url());
      expect(url.searchParams.get("pool")!.split(",")).toHaveLength(10);
      expect(url.searchParams.get("pool")!.split(",")).not.toContain("amos");
      expect(url.searchParams.get("steps")).toBe("4");
      expect(await page.locator('[data-table="tau"] tbody tr').count()).toBe(10);
      await expect(page.locator("[data-pool-size]").getAttribute("data-pool-size")).resolves.toBe("10");
      expect(await page.locator('[data-tab="leaderboard"]').getAttribute("href")).toContain("remove=amos");
      await expect(page.locator('[data-tab="analysis"]').getAttribute("aria-current")).resolves.toBe("page");
    });
  });

  test("a bad parameter shows its message next to the controls", async () => {
    await visit(`/analysis/${V05}/uncertainty?resamples=3`, async (page) => {
      await expect(page.locator('[data-notice="error"]').textContent()).resolves.toMatch(/resamples/);
    });
  });
});

// Issue 17: the tuning, hyperparameter and cost pages, reached from a leaderboard
// row (its submission page links them), on a small uploaded round whose trials
// carry hyperparameters and hardware. The three pages on the published rounds
// are in SITE_PAGES: axe in light and dark, desktop and phone (accessibility.test.ts).
async function axeClean(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
  expect(serious, what).toEqual([]);
}

describe("what a result cost: from a leaderboard row", () => {
  const ROUND = `e2e-cost-${process.pid}`;
  beforeAll(async () => {
    await createRound({
      slug: ROUND,
      ruleset: "external_tuning",
      studiesExpected: 1,
      trialsExpected: 2,
      workloads: [workload("w1", { metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: 10000 })],
    });
    const token = await createToken(unique("e2e-cost"), "admin");
    const run = (submission: string, trial: number, lr: number, gpus: number, model: string, times: number[], metrics: number[]) => ({
      submission,
      workload: "w1",
      study: 0,
      trial,
      hyperparameters: { learning_rate: lr, beta1: 0.9 },
      provenance: { gpuCount: gpus, gpuModel: model },
      evals: { metricName: "validation/loss", steps: times.map((_, i) => i + 1), times, metrics },
    });
    const runs = [
      run("alpha", 1, 0.001, 8, "V100", [400, 800, 1200], [0.9, 0.5, 0.4]),
      run("alpha", 2, 0.1, 8, "V100", [500, 1000, 1500], [0.9, 0.8, 0.7]),
      run("baseline", 1, 0.003, 4, "A100", [600, 1200], [0.8, 0.45]),
      run("baseline", 2, 0.03, 4, "A100", [700, 1400], [0.6, 0.5]),
    ];
    const r = await uploadRest(
      {
        round: ROUND,
        submissions: [
          { slug: "alpha", displayName: "Alpha" },
          { slug: "baseline", displayName: "Baseline" },
        ],
        runs,
      },
      token,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });
  afterAll(async () => {
    await dropRound(ROUND);
  });

  const VIEWS = [
    { view: "tuning", shows: 'svg[data-chart="lines"]' },
    { view: "hyperparameters", shows: 'svg[data-chart="hparam-scatter"][data-axis="learning_rate"][data-log="true"] [data-point="miss"]' },
    { view: "cost", shows: '[data-table="cost-ranking"] [data-field="hardware"]' },
  ];
  test("row → submission page → tuning, hyperparameters, cost: each renders; the scatter page has axe 0 serious/critical (light desktop)", async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await page.goto(`${inject("baseUrl")}/rounds/${ROUND}`, { waitUntil: "load" });
      await Promise.all([page.waitForURL(`**/rounds/${ROUND}/submissions/alpha`), page.locator('tr[data-submission="alpha"] [data-field="name"]').click()]);
      for (const { view, shows } of VIEWS) {
        await Promise.all([page.waitForURL(`**/analysis/${ROUND}/${view}**`), page.locator(`[data-analysis-link="${view}"]`).click()]);
        await page.locator(`[data-view="${view}"] ${shows}`).first().waitFor();
        if (view === "hyperparameters") {
          await axeClean(page, view);
          await screenshot(page, "analysis-hyperparameters");
        }
        await page.goBack({ waitUntil: "load" });
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test("the scatter page in dark on a phone (390×844): axe 0 serious/critical", async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: "dark" });
    try {
      const page = await context.newPage();
      await page.goto(`${inject("baseUrl")}/analysis/${ROUND}/hyperparameters?submission=alpha`, { waitUntil: "load" });
      await page.locator('svg[data-chart="hparam-scatter"]').first().waitFor();
      await axeClean(page, "hyperparameters (dark phone)");
    } finally {
      await context.close();
    }
  });
});
