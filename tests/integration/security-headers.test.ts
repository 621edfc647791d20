import { expect, inject, test } from "vitest";

for (const path of ["/", "/api/health", "/api/v1/rounds/algoperf-v0.6-external/scores"]) {
  test(`${path} carries the security headers`, async () => {
    const res = await fetch(`${inject("baseUrl")}${path}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
}

test("every page view gets a fresh nonce, and the page's scripts carry it", async () => {
  const nonce = async () => {
    const res = await fetch(`${inject("baseUrl")}/`);
    const html = await res.text();
    const fromHeader = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${fromHeader}"`);
    return fromHeader;
  };
  const a = await nonce();
  const b = await nonce();
  expect(a).toBeTruthy();
  expect(a).not.toBe(b);
});
