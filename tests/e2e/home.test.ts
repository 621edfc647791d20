import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, openPage, screenshot } from "../support/browser";

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
    await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
    const paper = page.locator('[data-round="paper-2505.24005"]');
    await expect(paper.locator("h2").textContent()).resolves.toContain("Kasimbeg");
    expect(await paper.locator("[data-workload]").count()).toBe(8);
    expect(await paper.locator('[data-submission="schedule-free-adamw"]').count()).toBe(1);
    expect(await page.locator('[data-round="algoperf-v0.5-external"] [data-submission]').count()).toBe(11);
    await screenshot(page, "home");
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
