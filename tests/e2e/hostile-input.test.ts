// Hostile strings sent through the real upload API (submission names, family,
// notes, authors, hyperparameter keys and values, run hardware and notes) are
// shown as text everywhere in Chromium: the leaderboard table, the profile
// chart's legend and its hover tooltip, the submission, workload and analysis
// pages. No script of theirs runs (no dialog, no global flag set). CSV
// downloads neutralise spreadsheet formulas; JSON is served as JSON.
// Every page is checked as the page cache serves it (docs/page-cache.md): the
// test reloads until the view comes from the cache, and checks that every
// script of that response carries its own nonce, never one served before.
import { csvParseRows } from "d3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { PROFILE_SIZE } from "@/components/charts/profile-plot";
import { goto, launchBrowser, openPage, screenshot } from "../support/browser";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-hostile");
const base = () => inject("baseUrl");

// Each payload, if it ever ran, would set window.__xss and open a dialog.
const NAMES = {
  "xss-script": `<script>window.__xss=1;alert(1)</script>`,
  "xss-img": `<img src=x onerror="window.__xss=2;alert(2)">`,
  "xss-formula": `=HYPERLINK("http://evil.example","x")"><svg onload="window.__xss=3;alert(3)">`,
} as const;
type Slug = keyof typeof NAMES;
const HOSTILE = {
  family: `+SUM(1)<iframe srcdoc="<script>parent.__xss=4;parent.alert(4)</script>">`,
  baseAlgorithm: `@evil</title><script>window.__xss=5;alert(5)</script>`,
  notes: `-2+3 <script>window.__xss=6;alert(6)</script>`,
  authors: `<b onmouseover="window.__xss=7;alert(7)">authors</b>`,
  hyperKey: `<img src=x onerror="window.__xss=8;alert(8)">`,
  hyperValue: `</script><script>window.__xss=9;alert(9)</script>`,
  hardware: `<iframe src="javascript:window.__xss=10;alert(10)"></iframe>`,
  runNotes: `<a href="javascript:alert(11)">click</a>`,
};
// w1, w2 times: xss-script is fastest everywhere (rho = 1 from tau = 1), the others reach rho > 0 only later.
const TIMES: Record<Slug, [number, number]> = { "xss-script": [10, 10], "xss-img": [20, 20], "xss-formula": [40, 15] };

let browser: Browser;

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: 1, trialsExpected: 1, workloads: [workload("w1"), workload("w2")] });
  // An admin's upload is verified, so the hostile rows are in the default pool and on every page (docs/trust-model.md).
  const token = await createToken(unique("hostile"), "admin");
  const slugs = Object.keys(NAMES) as Slug[];
  const res = await uploadRest(
    {
      round: ROUND,
      submissions: slugs.map((slug) => ({
        slug,
        displayName: NAMES[slug],
        family: HOSTILE.family,
        baseAlgorithm: HOSTILE.baseAlgorithm,
        notes: HOSTILE.notes,
        authors: HOSTILE.authors,
        affiliation: HOSTILE.authors,
        hyperparameters: { [HOSTILE.hyperKey]: HOSTILE.hyperValue, nested: { [HOSTILE.hyperValue]: 1 } },
      })),
      runs: slugs.flatMap((submission) =>
        ["w1", "w2"].map((w, i) => ({
          submission,
          workload: w,
          study: 0,
          trial: 1,
          hardware: HOSTILE.hardware,
          notes: HOSTILE.runNotes,
          framework: HOSTILE.baseAlgorithm,
          evals: { steps: [100, 200], times: [TIMES[submission][i]! / 2, TIMES[submission][i]!], metrics: [0.9, 0.4] },
        })),
      ),
    },
    token,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await dropRound(ROUND);
});

/**
 * Loads `url` until the page cache serves it as a final render (`x-page-cache:
 * hit` with an ETag); every response's scripts carry that response's nonce
 * and no nonce comes twice. Answers that are not pages (JSON) are taken as
 * they come.
 */
async function gotoCached(page: Page, url: string): Promise<void> {
  const nonces = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const res = (await goto(page, url))!;
    // A page that is not there shows no name at all: that would pass every check below.
    expect(res.status(), url).toBe(200);
    const headers = res.headers();
    if (headers["x-page-cache"] === undefined) return;
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
    expect(nonce, url).toBeTruthy();
    expect(nonces.has(nonce!), `${url}: a nonce served twice`).toBe(false);
    nonces.add(nonce!);
    const tags = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(tags.length, url).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, url).toContain(`nonce="${nonce}"`);
    // Served from the page cache: a final render (with its ETag), or a provisional one kept while intervals compute.
    if (headers["x-page-cache"] === "hit") return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} was never served from the page cache`);
}

/** Opens `path` as the page cache serves it and records every dialog; `check` then asserts that no payload ran. */
async function visit(path: string, body: (page: Page) => Promise<void>): Promise<void> {
  const { page, errors, close } = await openPage(browser);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await gotoCached(page, `${base()}${path}`);
    await body(page);
    // Elements a payload would create, and its global flag.
    const injected = await page.evaluate(() => ({
      flag: (window as unknown as { __xss?: unknown }).__xss ?? null,
      elements: document.querySelectorAll(
        "main img[src='x'], main iframe, main [onerror], main [onload], main [onmouseover], main a[href^='javascript:'], main b, main svg[onload]",
      ).length,
      scripts: [...document.scripts].filter((s) => s.textContent?.includes("__xss") && !s.textContent.includes("self.__next_f")).length,
    }));
    expect(injected, path).toEqual({ flag: null, elements: 0, scripts: 0 });
    expect(dialogs, path).toEqual([]);
    expect(errors, path).toEqual([]);
  } finally {
    await close();
  }
}

const mainText = (page: Page) => page.locator("main").evaluate((m) => m.textContent ?? "");

describe("hostile strings are text", () => {
  test("the leaderboard table shows each name literally", async () => {
    await visit(`/rounds/${ROUND}`, async (page) => {
      for (const [slug, name] of Object.entries(NAMES)) {
        expect(await page.locator(`[data-table="leaderboard"] tr[data-submission="${slug}"] [data-field="name"]`).textContent()).toBe(name);
      }
      expect(await page.locator('[data-table="leaderboard"] [data-field="family"]').first().getAttribute("title")).toBe(HOSTILE.family);
      expect(await mainText(page)).toContain(HOSTILE.family);
      await screenshot(page, "hostile-leaderboard");
    });
  });

  test("the profile chart: legend and hover tooltip show the names as text", async () => {
    await visit(`/rounds/${ROUND}/profiles`, async (page) => {
      const legend = page.locator("#profile-plot-legend");
      const legendText = (await legend.textContent()) ?? "";
      for (const name of Object.values(NAMES)) expect(legendText).toContain(name);
      // SVG: each curve's native tooltip (<title>) holds the name as text.
      const titles = await page.locator("#profile-plot title").allTextContents();
      for (const name of Object.values(NAMES))
        expect(
          titles.some((t) => t.includes(name)),
          name,
        ).toBe(true);

      // Hover at tau = 1.2, rho = 1: only xss-script is there.
      const svg = page.locator("svg#profile-plot");
      await svg.scrollIntoViewIfNeeded();
      const at = async (tau: number, rho: number) =>
        svg.evaluate(
          (el, { tau, rho, size }) => {
            const s = el as SVGSVGElement;
            const x = size.margin.left + ((tau - 1) / (4 - 1)) * (size.width - size.margin.left - size.margin.right);
            const y = size.height - size.margin.bottom - rho * (size.height - size.margin.bottom - size.margin.top);
            const p = new DOMPoint(x, y).matrixTransform(s.getScreenCTM()!);
            return { x: p.x, y: p.y };
          },
          { tau, rho, size: PROFILE_SIZE },
        );
      const tooltip = page.locator('div.pointer-events-none[role="status"]');
      let p = await at(1.2, 0.97); // just inside the plot area: its top edge is rho = 1
      await page.mouse.move(p.x, p.y);
      await expect.poll(() => tooltip.count()).toBe(1);
      const only = await tooltip.locator("li").allTextContents();
      expect(only).toHaveLength(1);
      expect(only[0]).toMatch(/ · score \d\.\d{4}$/);
      expect(only[0]!.replace(/ · score .*$/, "")).toBe(NAMES["xss-script"]);
      await screenshot(page, "hostile-profile-tooltip");
      // At rho = 0 the two slower ones share the value.
      p = await at(1.2, 0.03);
      await page.mouse.move(p.x, p.y);
      await expect.poll(async () => (await tooltip.locator("li").allTextContents()).length).toBe(2);
      const names = (await tooltip.locator("li").allTextContents()).map((t) => t.replace(/ · score .*$/, ""));
      expect(names.sort()).toEqual([NAMES["xss-formula"], NAMES["xss-img"]].sort());
    });
  });

  test("the submission page: name, family, notes, authors, hyperparameters, run hardware", async () => {
    await visit(`/rounds/${ROUND}/submissions/xss-img`, async (page) => {
      expect(await page.locator("h1").textContent()).toBe(NAMES["xss-img"]);
      const text = await mainText(page);
      for (const s of [HOSTILE.family, HOSTILE.notes, HOSTILE.authors, HOSTILE.hardware]) expect(text).toContain(s);
      const hyper = (await page.locator('[data-table="hyperparameters"]').textContent()) ?? "";
      expect(hyper).toContain(HOSTILE.hyperKey);
      expect(hyper).toContain(HOSTILE.hyperValue);
    });
  });

  test("the workload page", async () => {
    await visit(`/workloads/w1?round=${encodeURIComponent(ROUND)}`, async (page) => {
      for (const [slug, name] of Object.entries(NAMES))
        expect(await page.locator(`[data-table="workload"] tr[data-submission="${slug}"]`).textContent()).toContain(name);
    });
  });

  // The views that list the pool's members show every name literally. The overview lists
  // views, not members; the horizon view lists base algorithms run at several horizons
  // (none here) and says so: both must still be served (200) and run nothing.
  for (const [view, listsMembers] of [
    ["", false],
    ["/uncertainty", true],
    ["/sensitivity", true],
    ["/horizon", false],
    ["/calibration", true],
    ["/tau", true],
  ] as const) {
    test(`the analysis page /analysis/<round>${view}`, async () => {
      await visit(`/analysis/${ROUND}${view}`, async (page) => {
        const text = await mainText(page);
        if (listsMembers) for (const name of Object.values(NAMES)) expect(text, name).toContain(name);
        else if (view === "/horizon") expect(text).toContain("nothing to compare");
        else expect(text).toContain(`/api/v1/rounds/${ROUND}/uncertainty`);
      });
    });
  }

  test("the JSON endpoints are served as JSON, and opening one in the browser runs nothing", async () => {
    for (const path of [
      `/api/v1/rounds/${ROUND}/leaderboard`,
      `/api/v1/rounds/${ROUND}/submissions/xss-img`,
      `/api/v1/rounds/${ROUND}/workloads/w1`,
      `/api/v1/rounds/${ROUND}/scores`,
    ]) {
      const res = await fetch(`${base()}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json\b/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await res.text();
      expect(() => JSON.parse(body)).not.toThrow();
    }
    await visit(`/api/v1/rounds/${ROUND}/leaderboard`, async (page) => {
      expect(await page.evaluate(() => document.contentType)).toBe("application/json");
    });
  });
});

describe("CSV downloads neutralise formulas (OWASP CSV injection)", () => {
  const csvPaths = () => [
    `/api/v1/rounds/${ROUND}/leaderboard?format=csv`,
    `/api/v1/rounds/${ROUND}/workloads/w1?format=csv`,
    `/api/v1/rounds/${ROUND}/submissions/xss-formula?format=csv`,
    `/api/v1/rounds/${ROUND}/profiles?format=csv`,
  ];

  test("no cell starts with =, +, -, @, tab or CR unless it is a number; the text is kept after a leading apostrophe", async () => {
    const cells: string[] = [];
    for (const path of csvPaths()) {
      const res = await fetch(`${base()}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv\b/);
      for (const row of csvParseRows(await res.text())) cells.push(...row);
    }
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !Number.isFinite(Number(c)));
    expect(dangerous).toEqual([]);
    expect(cells).toContain(`'${NAMES["xss-formula"]}`);
    expect(cells).toContain(`'${HOSTILE.family}`);
    expect(cells).toContain(`'${HOSTILE.baseAlgorithm}`);
    // Strings that are not formulas are untouched.
    expect(cells).toContain(NAMES["xss-script"]);
  });
});
