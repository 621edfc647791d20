// The page cache (docs/page-cache.md) over real HTTP on the production server:
// a view is rendered once per site version and then served from memory with a
// fresh CSP nonce per response, an ETag and a 304 on If-None-Match, headers
// that let a CDN keep it, and an upload through another instance invalidates
// it at once. Concurrent readers of a cold view share one render.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startApp, type App } from "../support/stack";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";

const ROUND = unique("test-page-cache");
const WORKLOADS = ["w1", "w2"];
let token: string;
let second: App;
const base = () => inject("baseUrl");

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: 1, trialsExpected: 1, workloads: WORKLOADS.map((k) => workload(k, { budgetSeconds: 1000 })) });
  // Admin uploads are verified: they change the default view, as a published result would (docs/trust-model.md).
  token = await createToken(unique("page-cache"), "admin");
  second = await startApp(inject("databaseUrl"));
}, 120_000);

afterAll(async () => {
  await second?.stop();
  await dropRound(ROUND);
});

async function upload(app: string, submission: string, seconds: number[]): Promise<void> {
  const runs = WORKLOADS.map((w, i) => ({ submission, workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds: seconds[i] } }));
  const res = await fetch(`${app}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ round: ROUND, submissions: [{ slug: submission }], runs }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** The site version's inputs (every round's data version) and the latest version changes, for a failure message. */
async function versionsNow(): Promise<string> {
  const c = new pg.Client({ connectionString: inject("databaseUrl") });
  await c.connect();
  try {
    const rounds = await c.query(`SELECT id, slug, "dataVersion" FROM "Round" ORDER BY id`);
    const recent = await c.query(`SELECT "roundId", version, action, actor, target, "createdAt" FROM "RoundVersion" ORDER BY "createdAt" DESC LIMIT 8`);
    return `rounds ${JSON.stringify(rounds.rows)}; latest versions ${JSON.stringify(recent.rows)}`;
  } finally {
    await c.end();
  }
}

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

/** GETs `path` until the page cache answers it from memory with a final render (the first views may be renders, or provisional while intervals compute). */
async function cachedView(app: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${app}${path}`, { headers });
    if (res.headers.get("x-page-cache") === "hit" && res.headers.get("etag")) return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} was never served from the page cache`);
}

describe("page cache", () => {
  test("cached views: a fresh nonce on every response, carried by every script, and the strict CSP", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await cachedView(base(), "/rounds/algoperf-v0.5-external");
      const html = await res.text();
      const nonce = nonceOf(res)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24,}$/);
      expect(seen.has(nonce), "a nonce was reused").toBe(false);
      seen.add(nonce);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      for (const other of seen) if (other !== nonce) expect(html).not.toContain(other);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  test("Cache-Control lets a CDN keep public views; versioned static assets are immutable; APIs and writes are not page-cached", async () => {
    const page = await cachedView(base(), "/workloads");
    expect(page.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=600");
    expect(page.headers.get("vary")).toMatch(/rsc/i);
    expect(page.headers.get("vary")).toMatch(/accept-encoding/i);
    const html = await page.text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const js = await fetch(`${base()}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const api = await fetch(`${base()}/api/health`);
    expect(api.headers.get("x-page-cache")).toBeNull();
  });

  test("ETag and 304: unchanged data answers If-None-Match with 304 and no body; an upload changes the ETag", async () => {
    await upload(base(), "alpha", [100, 400]);
    const first = await cachedView(base(), `/rounds/${ROUND}`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const again = await fetch(`${base()}/rounds/${ROUND}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // The document the client keeps came with its own policy: a 304 does not replace it.
    expect(again.headers.get("content-security-policy")).toBeNull();
    // Another instance of the same build agrees on the ETag without having rendered the page.
    const other = await fetch(`${second.baseUrl}/rounds/${ROUND}`, { headers: { "if-none-match": etag } });
    // On a mismatch, what the two instances could have disagreed on: the rounds' versions and their latest changes.
    const disagreement = other.status === 304 ? "" : await versionsNow();
    expect(other.status, disagreement).toBe(304);

    await upload(second.baseUrl, "beta", [300, 200]);
    const after = await fetch(`${base()}/rounds/${ROUND}`, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('data-submission="beta"');
    expect(after.headers.get("etag") ?? "").not.toBe(etag);
  });

  test("an upload through one instance invalidates the page the other had cached, at once", async () => {
    await upload(base(), "gamma", [500, 500]);
    const before = await (await cachedView(second.baseUrl, `/rounds/${ROUND}`)).text();
    expect(before).toContain('data-submission="gamma"');
    expect(before).not.toContain('data-submission="delta"');
    await upload(base(), "delta", [50, 50]);
    const after = await fetch(`${second.baseUrl}/rounds/${ROUND}`);
    expect(after.headers.get("x-page-cache")).not.toBe("hit");
    expect(await after.text()).toContain('data-submission="delta"');
  });

  test("a cold view read by 12 readers at once is rendered once: one miss, the others coalesced", async () => {
    await upload(base(), "epsilon", [60, 70]);
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(`${base()}/rounds/${ROUND}?sort=score`)));
    const how = answers.map((r) => r.headers.get("x-page-cache"));
    expect(how.filter((h) => h === "miss")).toHaveLength(1);
    expect(how.filter((h) => h === "coalesced")).toHaveLength(11);
    const nonces = answers.map(nonceOf);
    expect(new Set(nonces).size).toBe(12);
    for (const r of answers) expect(await r.text()).toContain('data-submission="epsilon"');
  });

  test("the query's parameter order does not make another entry", async () => {
    await cachedView(base(), `/rounds/${ROUND}?sort=score&dir=asc`);
    const swapped = await fetch(`${base()}/rounds/${ROUND}?dir=asc&sort=score`);
    expect(swapped.headers.get("x-page-cache")).toBe("hit");
  });
});
