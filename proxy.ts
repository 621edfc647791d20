// Security headers on every response, with a fresh CSP nonce per request
// (lib/server/http/address.ts): Next reads the nonce from the request's CSP
// header and puts it on the inline scripts it streams.
import { NextResponse, type NextRequest } from "next/server";
import { badAddress, contentSecurityPolicy, freshNonce, securityHeaders } from "@/lib/server/http/address";

export function proxy(request: NextRequest) {
  const nonce = freshNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const problem = badAddress(request.nextUrl);
  if (problem) {
    const api = request.nextUrl.pathname.startsWith("/api/");
    const response = api
      ? Response.json(
          { error: { code: "BAD_REQUEST", message: `invalid address: ${problem}`, issues: [{ path: "(url)", message: problem }] } },
          { status: 400 },
        )
      : new Response(`Bad request: ${problem}.`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    return withSecurityHeaders(new NextResponse(response.body, response), csp);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  for (const [k, v] of Object.entries(securityHeaders(csp))) response.headers.set(k, v);
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
