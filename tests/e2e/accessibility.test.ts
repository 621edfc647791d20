// axe-core on every page, in the light and the dark theme, on a desktop and a
// phone screen: no violation of impact "serious" or "critical" (issue 15).
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser";
import { DESKTOP, PHONE, SITE_PAGES } from "../support/site-pages";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SCREENS = [
  { name: "desktop", viewport: DESKTOP, isMobile: false },
  { name: "phone", viewport: PHONE, isMobile: true },
];

const VARIANTS = (["light", "dark"] as const).flatMap((scheme) => SCREENS.map((screen) => ({ scheme, screen })));

// One page per variant, the four variants of a path checked side by side (the server and
// Chromium each use both cores; one after the other took 4x as long). "load", not
// "networkidle": axe reads the loaded document, and Next's link prefetches kept the
// network busy for another 0.5-1 s per page.
describe("axe: light and dark, desktop and phone", () => {
  const pages: Page[] = [];
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    for (const { scheme, screen } of VARIANTS) {
      const context = await browser.newContext({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.isMobile, colorScheme: scheme });
      contexts.push(context);
      pages.push(await context.newPage());
    }
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });
  for (const p of SITE_PAGES) {
    test(p.path, async () => {
      const found = await Promise.all(
        VARIANTS.map(async ({ scheme, screen }, i) => {
          const page = pages[i]!;
          await page.goto(`${inject("baseUrl")}${p.path}`, { waitUntil: "load" });
          const result = await new AxeBuilder({ page }).analyze();
          return result.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
              (v) =>
                `${scheme}, ${screen.name}: ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes
                  .slice(0, 3)
                  .map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`)
                  .join(" | ")}`,
            );
        }),
      );
      expect(found.flat(), p.path).toEqual([]);
    });
  }
});
