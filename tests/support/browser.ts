// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page, type Request, type Response } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const screenshots = path.resolve("tests/artifacts/screenshots");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A page that records console errors and failed requests, so a test can assert there were none. */
export async function openPage(browser: Browser, options: { colorScheme?: "light" | "dark" } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: options.colorScheme ?? "light" });
  const page = await context.newPage();
  track(page);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    // Navigations away abort pending prefetches; those are not errors.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { page, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

/**
 * Requests of a page still waiting for their answer, and when the last one started or
 * ended. An RSC answer (text/x-component: Next.js prefetches of the links on the page and
 * the payloads of client-side navigations) counts as answered once its status and headers
 * have come; any other request once its body has come too.
 */
interface Traffic {
  waiting: Set<Request>;
  last: number;
}
const traffic = new WeakMap<Page, Traffic>();

function track(page: Page): Traffic {
  let t = traffic.get(page);
  if (t) return t;
  const state: Traffic = { waiting: new Set(), last: Date.now() };
  const end = (r: Request) => {
    if (state.waiting.delete(r)) state.last = Date.now();
  };
  page.on("request", (r) => {
    state.waiting.add(r);
    state.last = Date.now();
  });
  page.on("response", (r: Response) => {
    if ((r.headers()["content-type"] ?? "").startsWith("text/x-component")) end(r.request());
  });
  page.on("requestfinished", end);
  page.on("requestfailed", end);
  traffic.set(page, (t = state));
  return t;
}

/**
 * Waits for the document's load event, then until no request has been waiting for its
 * answer for 500 ms (Playwright's "networkidle" rule, up to 30 s like its timeout).
 * Unlike "networkidle" it does not wait for RSC bodies to end: Next.js streams a
 * prefetched view while the server computes it (robustness verdicts, bootstrap intervals),
 * and behind the computations earlier tests queued on the shared stack such a stream took
 * 20-30 s, which no test reads. Every answer's
 * status is still seen (openPage's errors list HTTP >= 400), and a stream that breaks is a
 * failed request there.
 */
export async function settled(page: Page, timeoutMs = 30_000): Promise<void> {
  const t = track(page);
  await page.waitForLoadState("load", { timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (t.waiting.size > 0 || Date.now() - t.last < 500) {
    if (Date.now() > deadline) throw new Error(`requests still unanswered after ${timeoutMs} ms: ${[...t.waiting].map((r) => r.url()).join(", ")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** page.goto, then settled(): the page is loaded and every request it made has its answer. */
export async function goto(page: Page, url: string): Promise<Response | null> {
  track(page);
  const response = await page.goto(url, { waitUntil: "load" });
  await settled(page);
  return response;
}

/** page.reload, then settled(). */
export async function reload(page: Page): Promise<Response | null> {
  track(page);
  const response = await page.reload({ waitUntil: "load" });
  await settled(page);
  return response;
}
