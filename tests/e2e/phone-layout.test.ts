// The phone layout at 390×844 (issue 15): no page wider than the screen, the
// first leaderboard row (rank, name and score) on screen without scrolling
// sideways and within the first 1.5 screens, and chart text at least 11 px.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { PHONE, SITE_PAGES } from "../support/site-pages";

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

// "load", not "networkidle": the layout is measured on the loaded document; Next's prefetches of
// the links on screen (leaderboards that may wait a few seconds for their intervals) keep the
// network busy long after the page itself is complete.
const open = (path: string) => page.goto(`${inject("baseUrl")}${path}`, { waitUntil: "load" });

describe("no page is wider than the phone's screen", () => {
  for (const p of SITE_PAGES) {
    test(p.path, async () => {
      await open(p.path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, p.path).toBeLessThanOrEqual(0);
    });
  }
});

const LEADERBOARDS = ["/", "/rounds/algoperf-v0.5-external", "/rounds/algoperf-v0.5-self-tuning", "/rounds/paper-2505.24005?horizon=50"];

describe("the first leaderboard row: rank, name and score on the first screens, without scrolling sideways", () => {
  for (const path of LEADERBOARDS) {
    test(path, async () => {
      await open(path);
      const row = page.locator('[data-table="leaderboard"] tbody tr').first();
      const boxes = await Promise.all(["rank", "name", "score"].map((f) => row.locator(`[data-field="${f}"]`).boundingBox()));
      for (const [i, box] of boxes.entries()) {
        expect(box, `${path}: ${["rank", "name", "score"][i]}`).not.toBeNull();
        expect(box!.x, `${path}: ${["rank", "name", "score"][i]} left edge`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${path}: ${["rank", "name", "score"][i]} right edge`).toBeLessThanOrEqual(390);
        // Within the first 1.5 screens of 844 px.
        expect(box!.y + box!.height, `${path}: ${["rank", "name", "score"][i]} bottom`).toBeLessThanOrEqual(1.5 * 844);
      }
    });
  }
  test("the profile plot of the paper's round starts within the first 1.5 screens", async () => {
    await open("/rounds/paper-2505.24005/profiles");
    const box = await page.locator("#profile-plot").boundingBox();
    expect(box!.y).toBeLessThanOrEqual(1.5 * 844);
  });
});

const CHARTS = [
  "/rounds/paper-2505.24005/profiles",
  "/rounds/algoperf-v0.5-external/profiles?axis=log",
  "/workloads/ogbg?round=algoperf-v0.5-external",
  "/analysis/algoperf-v0.5-external/uncertainty",
  "/analysis/paper-2505.24005/sensitivity?submission=schedule-free-adamw",
  "/analysis/paper-2505.24005/horizon",
  "/analysis/paper-2505.24005/calibration",
  "/analysis/algoperf-v0.5-external/tau",
];

describe("chart text is at least 11 px on a phone (the chart scrolls sideways in its box instead of shrinking)", () => {
  for (const path of CHARTS) {
    test(path, async () => {
      await open(path);
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll("main svg")].flatMap((svg) => {
          const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 1;
          return [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        }),
      );
      expect(sizes.length, `${path}: chart text`).toBeGreaterThan(0);
      expect(Math.min(...sizes), path).toBeGreaterThanOrEqual(11);
    });
  }
});
