// Every page opens in Chromium without console errors or failed requests, in
// the light and the dark theme and on a phone-sized screen, and leaves a
// screenshot in tests/artifacts/screenshots for a human to look at.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, screenshot } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SCHEMES = ["light", "dark"] as const;

const PAGES: { name: string; path: string; check: string }[] = [
  { name: "home", path: "/", check: '[data-table="leaderboard"] tbody tr' },
  { name: "leaderboard-v05-external", path: "/rounds/algoperf-v0.5-external", check: '[data-table="leaderboard"] tbody tr' },
  { name: "leaderboard-v05-self-tuning", path: "/rounds/algoperf-v0.5-self-tuning", check: '[data-table="leaderboard"] tbody tr' },
  { name: "leaderboard-v06-external", path: "/rounds/algoperf-v0.6-external", check: '[data-table="leaderboard"] tbody tr' },
  { name: "leaderboard-v06-self-tuning-empty", path: "/rounds/algoperf-v0.6-self-tuning", check: '[data-notice="info"]' },
  { name: "leaderboard-paper-sorted", path: "/rounds/paper-2505.24005?sort=w:fastmri&integration=exact", check: '[data-table="leaderboard"] tbody tr' },
  { name: "profiles-paper", path: "/rounds/paper-2505.24005/profiles", check: "#profile-plot path.series" },
  { name: "profiles-v05-external-log", path: "/rounds/algoperf-v0.5-external/profiles?axis=log", check: "#profile-plot path.series" },
  { name: "workloads-paper", path: "/workloads", check: "[data-workload-card]" },
  { name: "workloads-v05-external", path: "/workloads?round=algoperf-v0.5-external", check: "[data-workload-card]" },
  { name: "workload-ogbg-v05-external", path: "/workloads/ogbg?round=algoperf-v0.5-external", check: '[data-table="workload"] tbody tr' },
  { name: "workload-variant-v05-external", path: "/workloads/ogbg_model_size?round=algoperf-v0.5-external", check: '[data-table="workload"] tbody tr' },
  { name: "workload-fastmri-paper-66", path: "/workloads/fastmri?round=paper-2505.24005&horizon=66", check: '[data-table="workload"] tbody tr' },
  { name: "submission-paper-adamw-33-1", path: "/rounds/paper-2505.24005/submissions/adamw-33-1", check: '[data-table="submission-results"]' },
  { name: "submission-paper-schedule-free", path: "/rounds/paper-2505.24005/submissions/schedule-free-adamw", check: "[data-standing]" },
  { name: "submission-v05-shampoo", path: "/rounds/algoperf-v0.5-external/submissions/shampoo_submission", check: '[data-table="submission-results"]' },
  { name: "submission-choices", path: "/submissions/baseline", check: "[data-choices]" },
  { name: "paper", path: "/paper", check: '[data-table="table6"]' },
  { name: "paper-official-grid", path: "/paper?integration=trapezoid", check: '[data-table="appendixF"]' },
  { name: "upload", path: "/upload", check: "[data-example]" },
  { name: "bad-parameters", path: "/rounds/paper-2505.24005?family=nope", check: '[data-notice="error"]' },
];

// One test per page (a failure names the page); its light and dark views load side by
// side, each in its own browser context (one after the other took twice as long).
describe("every page renders without console errors (light and dark)", () => {
  const opened: Awaited<ReturnType<typeof openPage>>[] = [];
  beforeAll(async () => {
    for (const colorScheme of SCHEMES) opened.push(await openPage(browser, { colorScheme }));
  });
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
  });
  for (const p of PAGES) {
    test(p.path, async () => {
      await Promise.all(
        SCHEMES.map(async (scheme, i) => {
          const { page, errors } = opened[i]!;
          errors.length = 0;
          await goto(page, `${inject("baseUrl")}${p.path}`);
          expect(await page.locator(p.check).count(), `${p.path} (${scheme}): ${p.check}`).toBeGreaterThan(0);
          expect(await page.locator("h1, h2").count(), `${p.path} (${scheme})`).toBeGreaterThan(0);
          await screenshot(page, `${p.name}${scheme === "dark" ? "-dark" : ""}`);
          expect(errors, `${p.path} (${scheme})`).toEqual([]);
        }),
      );
    });
  }
});

test("the leaderboard fits a phone: the table scrolls inside its box, the page does not", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await goto(page, `${inject("baseUrl")}/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: "tests/artifacts/screenshots/home-phone.png", fullPage: false });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test("the leaderboard works before JavaScript: server-rendered table, and the filter form submits as a plain GET", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(`${inject("baseUrl")}/rounds/paper-2505.24005`);
    expect(await page.locator('[data-table="leaderboard"] tbody tr').count()).toBe(36);
    await page.locator("[data-controls] > summary").click();
    await page.locator('[data-filter="horizon"] input[value="50"]').check();
    await Promise.all([page.waitForURL((u) => u.searchParams.getAll("horizon").includes("50")), page.getByRole("button", { name: "Apply" }).click()]);
    expect(await page.locator('[data-table="leaderboard"] tbody tr').count()).toBe(12);
    expect(await page.locator("#profile-plot").count()).toBe(0);
    await page.goto(`${inject("baseUrl")}/rounds/paper-2505.24005/profiles`);
    expect(await page.locator("#profile-plot path.series").count()).toBe(36);
  } finally {
    await context.close();
  }
});
