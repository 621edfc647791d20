// Security headers on every response, with a fresh CSP nonce per request:
// Next.js streams inline hydration scripts, and a nonce lets exactly those run
// (Next reads it from the request's CSP header) while any injected script is
// blocked. Styles stay 'unsafe-inline': charts set style attributes, and CSS
// cannot run code.
import { NextResponse, type NextRequest } from "next/server";
import { badAddress } from "@/lib/server/http/address";

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
  // The write paths (/api/trpc, /api/v1/runs) are left out too: Next buffers
  // the whole body of every request the proxy runs for, before the proxy and
  // before any token check, so 60 anonymous 31 MiB bodies once took 1.7 GB
  // (issue 13). Their route handlers check the address, set the same headers
  // and read the body only after the token (lib/server/http/trpc-handler.ts).
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|favicon.ico|api/trpc|api/v1/runs).*)" }],
};
