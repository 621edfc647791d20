// The security headers README "Security and reliability" promises on every
// answer (pages, JSON, CSV, errors), checked as worded there.
import { expect } from "vitest";

export function expectSecurityHeaders(res: Response, what: string): void {
  const h = (name: string) => res.headers.get(name);
  const csp = h("content-security-policy") ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(h("x-content-type-options"), what).toBe("nosniff");
  expect(h("x-frame-options"), what).toBe("DENY");
  expect(h("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  // Powerful browser features off, and no window of another origin keeps a handle on ours.
  expect(h("permissions-policy"), what).toMatch(/camera=\(\)/);
  expect(h("permissions-policy"), what).toMatch(/microphone=\(\)/);
  expect(h("permissions-policy"), what).toMatch(/geolocation=\(\)/);
  expect(h("cross-origin-opener-policy"), what).toBe("same-origin");
}
