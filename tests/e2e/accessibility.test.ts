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

for (const scheme of ["light", "dark"] as const) {
  for (const screen of SCREENS) {
    describe(`axe: ${scheme}, ${screen.name}`, () => {
      let context: BrowserContext;
      let page: Page;
      beforeAll(async () => {
        context = await browser.newContext({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.isMobile, colorScheme: scheme });
        page = await context.newPage();
      });
      afterAll(async () => {
        await context?.close();
      });
      for (const p of SITE_PAGES) {
        test(p.path, async () => {
          await page.goto(`${inject("baseUrl")}${p.path}`, { waitUntil: "networkidle" });
          const result = await new AxeBuilder({ page }).analyze();
          const serious = result.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join(" | ")}`);
          expect(serious, `${p.path} (${scheme}, ${screen.name})`).toEqual([]);
        });
      }
    });
  }
}
