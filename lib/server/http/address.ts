// Checks of a request's address shared by proxy.ts and the routes it does not
// run for (the write paths, see proxy.ts config.matcher).
import { unstorableText } from "@/lib/db/text";

/**
 * Why the request's address cannot be served, or null: path segments and
 * query values reach database queries (round, submission and workload slugs,
 * pools), and PostgreSQL cannot compare text holding NUL (lib/db/text.ts).
 */
export function badAddress(url: URL): string | null {
  let values: string[];
  try {
    values = [...url.pathname.split("/").map(decodeURIComponent), ...[...url.searchParams].flat()];
  } catch {
    return "the address is not valid percent-encoded UTF-8";
  }
  for (const v of values) {
    const problem = unstorableText(v);
    if (problem) return `a path segment or query parameter ${problem}`;
  }
  return null;
}

/**
 * The Content-Security-Policy of every answer, with its nonce: Next.js streams
 * inline hydration scripts, and the nonce lets exactly those run while any
 * injected script is blocked. Styles stay 'unsafe-inline': charts set style
 * attributes, and CSS cannot run code.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce: base64 of a random UUID (122 random bits). */
export const freshNonce = (): string => Buffer.from(crypto.randomUUID()).toString("base64");

/**
 * The security headers of every answer (proxy.ts for pages and the read API,
 * the write routes that proxy.ts does not run for): one list, so a page, a JSON
 * answer and an upload's error carry the same policy.
 */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
  };
}

/** The headers for an answer of a write route (a fresh nonce each time; nothing in a JSON answer runs anyway). */
export function apiSecurityHeaders(): Record<string, string> {
  return securityHeaders(contentSecurityPolicy(freshNonce(), false));
}
