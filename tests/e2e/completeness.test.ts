// An incomplete upload is ranked with a badge (runs found / expected,
// studies) on the leaderboard and on its own page, and the view can leave
// incomplete submissions out (issue 15).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, screenshot } from "../support/browser";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";

const ROUND = `e2e-completeness-${process.pid}`;
const KEYS = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"];
let browser: Browser;

beforeAll(async () => {
  // 8 workloads × 3 studies × 1 trial: 24 runs expected per submission.
  await createRound({ slug: ROUND, studiesExpected: 3, trialsExpected: 1, workloads: KEYS.map((k) => workload(k)) });
  // An admin upload is verified, so both submissions are ranked in the default view (docs/trust-model.md).
  const token = await createToken(unique("e2e-completeness"), "admin");
  const run = (submission: string, key: string, study: number, seconds: number) => ({
    submission,
    workload: key,
    study,
    trial: 1,
    timeToTarget: { reached: true, seconds },
  });
  const full = KEYS.flatMap((k, i) => [0, 1, 2].map((s) => run("full-one", k, s, 100 + 10 * i + s)));
  const partial = KEYS.slice(0, 3).map((k) => run("partial-one", k, 0, 50));
  const r = await uploadRest(
    {
      round: ROUND,
      submissions: [
        { slug: "full-one", displayName: "Full one" },
        { slug: "partial-one", displayName: "Partial one" },
      ],
      runs: [...full, ...partial],
    },
    token,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dropRound(ROUND);
});

test("the leaderboard flags the incomplete upload with its runs and studies, and can hide it", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${inject("baseUrl")}/rounds/${ROUND}`);
    const partial = page.locator('[data-table="leaderboard"] tr[data-submission="partial-one"]');
    await expect(partial.locator('[data-completeness="incomplete"]').innerText()).resolves.toMatch(/^3\/24 runs · 1\/3 studies/);
    expect(await page.locator('tr[data-submission="full-one"] [data-completeness]').count()).toBe(0);
    await screenshot(page, "completeness-leaderboard");

    await goto(page, `${inject("baseUrl")}/rounds/${ROUND}?complete=only`);
    expect(await page.locator('[data-table="leaderboard"] tbody tr').count()).toBe(1);
    await expect(page.locator("[data-chip]").allInnerTexts()).resolves.toContain("Complete submissions only");
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("the incomplete submission's page says what is missing", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${inject("baseUrl")}/rounds/${ROUND}/submissions/partial-one`);
    await expect(page.locator('h1 [data-completeness="incomplete"]').innerText()).resolves.toMatch(/^3\/24 runs · 1\/3 studies/);
    await expect(page.locator("[data-completeness-note]").innerText()).resolves.toMatch(/w4: no runs/);
    await goto(page, `${inject("baseUrl")}/rounds/${ROUND}/submissions/full-one`);
    expect(await page.locator("[data-completeness]").count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
