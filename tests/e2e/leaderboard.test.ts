// The leaderboard in a real browser against the built app on real
// PostgreSQL: filters and the pool editor rescore on the server, the URL
// carries the whole view (reload, back and forward restore it), and the
// profile plot has one curve per pool member. No console errors anywhere.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { goto, launchBrowser, openPage, reload, screenshot } from "../support/browser";
import { withDb } from "../support/db";

const PAPER = "paper-2505.24005";
let browser: Browser;
const base = () => inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface TableRow {
  slug: string;
  score: string;
  horizon: string;
  family: string;
}

async function readRows(page: Page): Promise<TableRow[]> {
  return page.$$eval('[data-table="leaderboard"] tbody tr', (trs) =>
    trs.map((tr) => ({
      slug: tr.getAttribute("data-submission")!,
      score: tr.querySelector('[data-field="score"]')!.textContent!.trim(),
      horizon: tr.querySelector('[data-field="horizon"]')!.textContent!.trim(),
      family: tr.querySelector('[data-field="family"]')!.getAttribute("title") ?? "",
    })),
  );
}

const scoreOf = async (page: Page, slug: string) => (await readRows(page)).find((r) => r.slug === slug)?.score;

async function apiScores(query: string): Promise<Record<string, number>> {
  const res = await fetch(`${base()}/api/v1/rounds/${PAPER}/scores?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()).scores;
}

async function defaultPoolWhere(condition: string): Promise<string[]> {
  return withDb(async (c) =>
    (
      await c.query(
        `SELECT s.slug FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND NOT s.hidden AND s."inDefaultPool" AND ${condition} ORDER BY s.slug`,
        [PAPER],
      )
    ).rows.map((r) => r.slug as string),
  );
}

describe("filters define the pool", () => {
  test("the 66% horizon filter shows only the 66% configurations, scored among themselves", async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await goto(page, `${base()}/rounds/${PAPER}`);
      const before = await readRows(page);
      expect(before).toHaveLength(36);
      await page.locator("[data-controls] > summary").click(); // the filters fold away so the ranking comes first
      await page.locator('[data-filter="horizon"] input[value="66"]').check();
      await page.waitForURL((u) => u.searchParams.getAll("horizon").join() === "66");
      await expect.poll(async () => (await readRows(page)).length).toBe(12);
      const after = await readRows(page);
      const expected = await defaultPoolWhere("s.horizon = 0.66");
      expect(after.map((r) => r.slug).sort()).toEqual(expected);
      expect(after.every((r) => r.horizon === "66%")).toBe(true);
      const scores = await apiScores(`pool=${expected.join(",")}`);
      for (const r of after) expect(r.score, r.slug).toBe(scores[r.slug]!.toFixed(3));
      const changed = after.filter((r) => r.score !== before.find((b) => b.slug === r.slug)!.score);
      expect(changed.length).toBeGreaterThan(0);
      await expect.poll(() => page.locator("[data-pool-size]").getAttribute("data-pool-size")).toBe("12");
      await screenshot(page, "leaderboard-paper-horizon-66");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  test("a family filter does the same", async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await goto(page, `${base()}/rounds/${PAPER}`);
      const family = "learning-rate-free: learning-rate tuner (online learning)";
      await page.locator("[data-controls] > summary").click(); // the filters fold away so the ranking comes first
      await page.locator(`[data-filter="family"] input[value="${family}"]`).check();
      await page.waitForURL((u) => u.searchParams.getAll("family").join() === family);
      const expected = await defaultPoolWhere(`s.family = '${family}'`);
      await expect.poll(async () => (await readRows(page)).length).toBe(expected.length);
      const rows = await readRows(page);
      expect(rows.every((r) => r.family === family)).toBe(true);
      const scores = await apiScores(`pool=${expected.join(",")}`);
      for (const r of rows) expect(r.score, r.slug).toBe(scores[r.slug]!.toFixed(3));
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

test("adding the imported Schedule-Free row changes AdamW 33% from 0.498 to 0.478 (exact); reload, back and forward restore each view", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/${PAPER}`);
    const official = await scoreOf(page, "adamw-33-1");
    expect(official).toBe((await apiScores(""))["adamw-33-1"]!.toFixed(3));

    await page.locator("[data-controls] > summary").click(); // the filters fold away so the ranking comes first
    await page.locator('input[name="integration"][value="exact"]').check();
    await page.waitForURL((u) => u.searchParams.get("integration") === "exact");
    await expect.poll(() => scoreOf(page, "adamw-33-1")).toBe("0.498");
    await expect(page.locator("[data-scoring-mode]").getAttribute("data-scoring-mode")).resolves.toMatch(/^exact area/);

    await page.locator('[data-action="add-imported"][data-slug="schedule-free-adamw"]').click();
    await page.waitForURL((u) => u.searchParams.get("add") === "schedule-free-adamw");
    await expect.poll(() => scoreOf(page, "adamw-33-1")).toBe("0.478");
    expect(await readRows(page)).toHaveLength(37);
    const url = page.url();
    await screenshot(page, "leaderboard-paper-appendix-f");

    await reload(page);
    expect(page.url()).toBe(url);
    expect(await scoreOf(page, "adamw-33-1")).toBe("0.478");
    expect(await readRows(page)).toHaveLength(37);
    expect(await page.locator('input[name="integration"][value="exact"]').isChecked()).toBe(true);

    await page.goBack();
    await expect.poll(() => scoreOf(page, "adamw-33-1")).toBe("0.498");
    expect(new URL(page.url()).searchParams.get("add")).toBeNull();
    expect(await readRows(page)).toHaveLength(36);
    await page.goBack();
    await expect.poll(() => scoreOf(page, "adamw-33-1")).toBe(official);
    expect(await page.locator('input[name="integration"][value="trapezoid"]').isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => scoreOf(page, "adamw-33-1")).toBe("0.498");
    await page.goForward();
    await expect.poll(() => scoreOf(page, "adamw-33-1")).toBe("0.478");
    expect(page.url()).toBe(url);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("sorting by a column is a link: the order follows, and the URL keeps it", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/algoperf-v0.5-external`);
    await page.locator('[data-sort="name"]').click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "name");
    const names = await page.$$eval('[data-table="leaderboard"] [data-field="name"]', (as) => as.map((a) => a.textContent!.trim()));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await page.locator('[data-sort="w:ogbg"]').click();
    await page.waitForURL((u) => u.searchParams.get("sort") === "w:ogbg");
    const statuses = await page.$$eval('[data-table="leaderboard"] td[data-workload="ogbg"]', (tds) => tds.map((td) => td.getAttribute("data-status")));
    const firstMiss = statuses.findIndex((s) => s !== "hit");
    expect(statuses.slice(firstMiss).every((s) => s !== "hit")).toBe(true);
    expect(await page.locator('th[aria-sort="ascending"]').count()).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("the filters work from the keyboard", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/${PAPER}`);
    await page.locator("[data-controls] > summary").focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-filter="horizon"] input[value="33"]').focus();
    await page.keyboard.press("Space");
    await page.waitForURL((u) => u.searchParams.getAll("horizon").join() === "33");
    await expect.poll(async () => (await readRows(page)).every((r) => r.horizon === "33%")).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("the profile plot has one curve per pool member, linked with its legend table, with toggles, tooltip and downloads", async () => {
  const { page, errors, close } = await openPage(browser);
  try {
    await goto(page, `${base()}/rounds/${PAPER}?add=schedule-free-adamw&integration=exact`);
    await page.locator('[data-tab="profiles"]').click();
    await page.waitForURL((u) => u.pathname.endsWith("/profiles") && u.searchParams.get("add") === "schedule-free-adamw");
    await page.locator("#profile-plot").waitFor();
    const lb = await (await fetch(`${base()}/api/v1/rounds/${PAPER}/leaderboard?add=schedule-free-adamw&integration=exact`)).json();
    const curves = await page.$$eval("#profile-plot path.series", (ps) => ps.map((p) => p.getAttribute("data-series")));
    expect(curves.sort()).toEqual(lb.rows.map((r: { key: string }) => r.key).sort());
    expect(curves).toHaveLength(37);

    // Hovering a legend row highlights its curve and mutes the others.
    await page.locator('#profile-plot-legend tr[data-series="schedule-free-adamw"]').hover();
    const opacity = (key: string) => page.$eval(`#profile-plot path[data-series="${key}"]`, (p) => Number(getComputedStyle(p).opacity));
    await expect.poll(() => opacity("adamw-33-1")).toBeLessThan(0.5);
    expect(await opacity("schedule-free-adamw")).toBe(1);

    // Toggling hides the curve and records it in the URL.
    await page.locator('#profile-plot-legend tr[data-series="adamw-33-1"] input[type="checkbox"]').uncheck();
    await expect.poll(() => page.$eval('#profile-plot path[data-series="adamw-33-1"]', (p) => getComputedStyle(p).display)).toBe("none");
    await expect.poll(() => new URL(page.url()).searchParams.getAll("hide")).toEqual(["adamw-33-1"]);

    // The tooltip gives tau and the exact rho of the curves under the pointer.
    const box = (await page.locator("#profile-plot").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect.poll(() => page.locator('[role="status"]', { hasText: "τ =" }).count()).toBe(1);
    expect(await page.locator('[role="status"]', { hasText: "τ =" }).textContent()).toMatch(/ρ = \d\/8/);

    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    expect(svg.suggestedFilename()).toBe(`${PAPER}-profiles.svg`);
    const text = await (await import("node:fs/promises")).readFile((await svg.path())!, "utf8");
    expect((text.match(/data-series=/g) ?? []).length).toBe(36);
    expect(text).not.toMatch(/var\(--series/);
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(png.suggestedFilename()).toBe(`${PAPER}-profiles.png`);
    const bytes = await (await import("node:fs/promises")).readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");

    await page.locator('[data-axis="log"]').click();
    await page.waitForURL((u) => u.searchParams.get("axis") === "log");
    expect(await page.locator("#profile-plot path.series").count()).toBe(37);
    // The hidden curve stays hidden on the other axis, and a reload keeps both.
    expect(new URL(page.url()).searchParams.getAll("hide")).toEqual(["adamw-33-1"]);
    await reload(page);
    expect(await page.$eval('#profile-plot path[data-series="adamw-33-1"]', (p) => getComputedStyle(p).display)).toBe("none");
    expect(await page.locator('#profile-plot-legend tr[data-series="adamw-33-1"] input[type="checkbox"]').isChecked()).toBe(false);
    await screenshot(page, "profiles-paper-appendix-f-log");
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

// On a workload page (no resampled intervals to wait for): the same rows at the pinned version.
test("Copy permalink yields the view's URL with at=<version>, which renders the same numbers; Cite this view gives BibTeX and CSL-JSON with that URL", async () => {
  const { page, errors, close } = await openPage(browser);
  const tableText = () => page.$$eval('[data-table="workload"] tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  try {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: base() });
    await goto(page, `${base()}/workloads/fastmri?round=${PAPER}&horizon=66`);
    const rows = await tableText();
    expect(rows.length).toBeGreaterThan(0);
    const version = await page.locator("[data-cite-controls]").first().getAttribute("data-version");
    await page.locator("[data-copy-permalink]").first().click();
    await expect.poll(() => page.locator("[data-copy-permalink]").first().textContent()).toBe("Permalink copied");
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.pathname).toBe("/workloads/fastmri");
    expect([...copied.searchParams]).toEqual([
      ["round", PAPER],
      ["horizon", "66"],
      ["at", version],
    ]);

    await page.locator("[data-cite-toggle]").first().click();
    expect(await page.locator('[data-citation-format="BibTeX"]').textContent()).toContain(`url = {${copied.href}}`);
    expect(JSON.parse((await page.locator('[data-citation-format="CSL-JSON"]').textContent())!)[0]).toMatchObject({ URL: copied.href, version });

    await goto(page, copied.href);
    expect(await tableText()).toEqual(rows);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
