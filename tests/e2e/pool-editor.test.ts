// The pool editor tells one coherent story (issue 15, item 4): adding a row
// that a filter hides is explained, the counts agree, a pool that differs
// from the default gets a Δ column, and every view uses one sign for the
// effect of adding a submission: Δ = with − without.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, screenshot } from "../support/browser";

const PAPER = "paper-2505.24005";
const SF = "schedule-free-adamw";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
const base = () => inject("baseUrl");
const num = (s: string | null) => Number((s ?? "").trim().replace("−", "-").replace("+", "").replace("±", ""));

test("adding the imported row while a horizon filter hides it says so, and one click scores it", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/${PAPER}?horizon=50`);
    await page.locator(`[data-action="add-imported"][data-slug="${SF}"]`).click();
    await page.waitForURL((u) => u.searchParams.getAll("add").includes(SF));
    const note = page.locator(`[data-hidden-addition="${SF}"]`);
    await expect.poll(() => note.count()).toBe(1);
    await expect(note.innerText()).resolves.toMatch(/filters hide it/);
    expect(await page.locator(`[data-table="leaderboard"] tr[data-submission="${SF}"]`).count()).toBe(0);
    await screenshot(page, "pool-hidden-addition");
    await note.getByRole("link").click();
    await expect.poll(() => page.locator(`[data-table="leaderboard"] tr[data-submission="${SF}"]`).count()).toBe(1);
    expect(new URL(page.url()).searchParams.getAll("horizon")).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("the counts agree: the pool line, the scored group, the table rows; the three groups add up to every submission", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/${PAPER}?horizon=50&add=${SF}`);
    const stated = Number(await page.locator("[data-pool-size]").getAttribute("data-pool-size"));
    const rows = await page.locator('[data-table="leaderboard"] tbody tr').count();
    const group = async (id: string) => page.locator(`[data-pool-group="${id}"] li`).count();
    const total = Number((await page.locator("[data-pool-size]").innerText()).match(/of (\d+) submissions/)![1]);
    expect(rows).toBe(12);
    expect(stated).toBe(rows);
    expect(await group("scored")).toBe(rows);
    expect((await group("scored")) + (await group("hidden")) + (await group("outside"))).toBe(total);
    expect(await group("hidden")).toBe(25);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("a Δ column appears exactly when the pool differs from the default, and matches the two pools' scores from the API", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/${PAPER}`);
    expect(await page.locator('[data-table="leaderboard"] [data-field="delta"]').count()).toBe(0);
    await goto(page, `${base()}/rounds/${PAPER}?add=${SF}`);
    expect(await page.locator('[data-table="leaderboard"] tbody [data-field="delta"]').count()).toBe(37);
    const api = async (q: string) => {
      const r = await fetch(`${base()}/api/v1/rounds/${PAPER}/leaderboard${q}`);
      const body = (await r.json()) as { rows: { slug: string; score: number }[] };
      return new Map(body.rows.map((x) => [x.slug, x.score]));
    };
    const [before, after] = [await api(""), await api(`?add=${SF}`)];
    for (const slug of ["adamw-33-1", "prodigy-w-adam-50-1", "mechanic-w-adam-66-1"]) {
      const shown = num(await page.locator(`tr[data-submission="${slug}"] [data-field="delta"]`).innerText());
      expect(Math.abs(shown - (after.get(slug)! - before.get(slug)!)), slug).toBeLessThanOrEqual(0.0005);
    }
    await expect(page.locator(`tr[data-submission="${SF}"] [data-field="delta"]`).innerText()).resolves.toBe("not in default");
    await screenshot(page, "pool-delta-column");
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("one sign everywhere: adding Schedule-Free changes a score by the same signed amount on /paper, the sensitivity view and the leaderboard", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    const slug = "adamw-33-1";
    await goto(page, `${base()}/paper?integration=exact`);
    const paper = num(await page.locator(`[data-table="paper-all"] tr[data-submission="${slug}"] [data-field="delta"]`).innerText());
    await goto(page, `${base()}/analysis/${PAPER}/sensitivity?submission=${SF}&integration=exact`);
    const sensitivity = num(await page.locator(`[data-table="sensitivity"] tr[data-row="${slug}"] td:nth-child(6)`).innerText());
    await goto(page, `${base()}/rounds/${PAPER}?add=${SF}&integration=exact`);
    const leaderboard = num(await page.locator(`tr[data-submission="${slug}"] [data-field="delta"]`).innerText());
    expect(paper).not.toBe(0);
    expect(Math.sign(sensitivity)).toBe(Math.sign(paper));
    expect(Math.sign(leaderboard)).toBe(Math.sign(paper));
    expect(Math.abs(sensitivity - paper)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(leaderboard - paper)).toBeLessThanOrEqual(0.001);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
