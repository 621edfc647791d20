// The leaderboard shows the 95% bootstrap intervals of its pool (issue:
// uncertainty "shown as interval bars in the leaderboard"), the same numbers as
// the uncertainty endpoint, and says so when a round has no studies to resample.
// The intervals are computed off the request path: the first view of a pool
// shows the table and says the intervals are being computed; a reload a
// moment later shows them.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, reload, screenshot } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("v0.5 external: one interval per pool member, equal to GET .../uncertainty, linked to the uncertainty view", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    const pool = "baseline,nadamp,shampoo_submission,schedule_free_adamw";
    await goto(
      page,
      `${inject("baseUrl")}/rounds/algoperf-v0.5-external?add=&remove=amos,caspr_adaptive,cyclic_lr,generalized_adam,lawa_ema,lawa_queue,schedule_free_prodigy`,
    );
    // First view of this pool: the table is there; the intervals are awaited at most a few seconds
    // (lib/server/pages/leaderboard.ts INTERVALS_WAIT_MS), announced if not ready by then.
    const first = await page.locator("[data-intervals]").getAttribute("data-intervals");
    expect(["computing", "shown"]).toContain(first);
    if (first === "computing") expect(await page.locator("[data-intervals]").textContent()).toMatch(/being computed/);
    expect(await page.locator("table tbody tr").count()).toBeGreaterThanOrEqual(4);
    const section = page.locator('[data-intervals="shown"]');
    for (let i = 0; i < 100 && (await section.count()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await reload(page);
    }
    const rows = section.locator("[data-row]");
    expect(await rows.count()).toBe(4);
    const api = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/algoperf-v0.5-external/uncertainty?pool=${pool}`)).json();
    expect(api.available).toBe(true);
    for (const s of api.submissions as Array<{ key: string; interval: [number, number] }>) {
      const title = await section.locator(`[data-row="${s.key}"] > title`).textContent();
      expect(title, s.key).toContain(s.interval[0].toFixed(3));
      expect(title, s.key).toContain(s.interval[1].toFixed(3));
    }
    const link = await section.getByRole("link", { name: "Rank intervals and details" }).getAttribute("href");
    expect(link).toMatch(/^\/analysis\/algoperf-v0\.5-external\/uncertainty\?pool=/);
    await screenshot(page, "leaderboard-intervals-v05");
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("the paper round has one value per workload: the leaderboard says no interval can be computed", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${inject("baseUrl")}/rounds/paper-2505.24005`);
    const note = page.locator('[data-intervals="none"]');
    for (let i = 0; i < 100 && (await note.count()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await reload(page);
    }
    expect(await note.textContent()).toMatch(/No 95% intervals/);
    expect(await page.locator('[data-intervals="shown"]').count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
