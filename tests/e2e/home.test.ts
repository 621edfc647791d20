// `/` in a real browser: the paper round's leaderboard (8 workloads, 36
// configurations), the imported Schedule-Free row one click away, and the
// round picker leading to the v0.5 external round's 11 submissions.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, screenshot } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("the home page renders the rounds from the database without console errors", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${inject("baseUrl")}/`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Kasimbeg");
    expect(await page.locator("[data-workload-header]").count()).toBe(8);
    expect(await page.locator('[data-table="leaderboard"] tbody tr').count()).toBe(36);
    expect(await page.locator('[data-candidate="schedule-free-adamw"]').count()).toBe(1);
    expect(await page.locator('[data-action="add-imported"][data-slug="schedule-free-adamw"]').isVisible()).toBe(true);
    await screenshot(page, "home");
    await page.locator('[data-round-link="algoperf-v0.5-external"] a').click();
    await page.waitForURL((u) => u.pathname === "/rounds/algoperf-v0.5-external");
    await expect.poll(() => page.locator('[data-table="leaderboard"] tbody tr').count()).toBe(11);
    expect(await page.locator("h1").textContent()).toContain("AlgoPerf v0.5");
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
