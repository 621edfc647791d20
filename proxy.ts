// Security headers on every response, with a fresh CSP nonce per request:
// Next.js streams inline hydration scripts, and a nonce lets exactly those run
// (Next reads it from the request's CSP header) while any injected script is
// blocked. Styles stay 'unsafe-inline': charts set style attributes, and CSS
// cannot run code.
import { NextResponse, type NextRequest } from "next/server";
import { unstorableText } from "@/lib/db/text";

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

/**
 * Why the request's address cannot be served, or null: path segments and
 * query values reach database queries (round, submission and workload slugs,
 * pools), and PostgreSQL cannot compare text holding NUL (lib/db/text.ts).
 */
function badAddress(url: URL): string | null {
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

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const problem = badAddress(request.nextUrl);
  if (problem) {
    const api = request.nextUrl.pathname.startsWith("/api/");
    const response = api
      ? Response.json({ error: { code: "BAD_REQUEST", message: `invalid address: ${problem}`, issues: [{ path: "(url)", message: problem }] } }, { status: 400 })
      : new Response(`Bad request: ${problem}.`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    return withSecurityHeaders(new NextResponse(response.body, response), csp);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  response.headers.set("cross-origin-opener-policy", "same-origin");
  return response;
}

export const config = {
  // Static assets are served with their own caching headers and need no nonce.
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
