// Which requests the page cache answers, under which key, with which
// validators and caching headers (docs/page-cache.md). Pure functions of the
// request; the HTTP wiring is lib/server/http/page-cache-handler.ts.
import { createHash } from "node:crypto";

type Headers = Record<string, string | string[] | undefined>;

/**
 * Request headers Next.js varies a page's answer on (its `Vary` header): the
 * RSC payload of a client-side navigation instead of the HTML, and which
 * segments the client already has.
 */
export const VARY_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"] as const;

/**
 * Paths that are not pages: the APIs (their JSON has its own cache), Next's
 * assets, files. Round slugs contain dots (`paper-2505.24005`), so files are
 * recognised by the extensions the app serves, not by any dot.
 */
const NOT_PAGES = /^\/(?:api\/|_next\/)|\.(?:ico|svg|png|jpe?g|webp|txt|xml|json|js|css|map|webmanifest|atom)$/i;

/**
 * Public page views: GET of a page path without a token. Everything else
 * (writes, HEAD, APIs, assets, requests carrying a token) goes to Next.js
 * untouched. Cookies are ignored: no page reads any.
 */
export function isCacheablePageRequest(method: string | undefined, pathname: string, headers: Headers): boolean {
  if (method !== "GET") return false;
  if (NOT_PAGES.test(pathname)) return false;
  return headers.authorization === undefined;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? ""));

/**
 * The cache key of a page view: the path, the query with its parameters in a
 * canonical order (`?a=1&b=2` and `?b=2&a=1` are one view; the order of
 * repeated values of one name is kept, it can matter), and the varying headers.
 */
export function pageKey(url: URL, headers: Headers): string {
  const params = [...url.searchParams].map(([k, v], i) => ({ k, v, i }));
  params.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  const query = new URLSearchParams(params.map(({ k, v }) => [k, v])).toString();
  const vary = VARY_HEADERS.map((h) => one(headers[h])).join("\u0000");
  return `${url.pathname}?${query}\u0000${vary}`;
}

/**
 * The ETag of a view at a data version: the same for every instance serving
 * the same build (the body differs only by its nonce, so the tag is weak).
 */
export function pageETag(buildId: string, key: string, version: string): string {
  return `W/"${createHash("sha256").update(`${buildId}\u0000${key}\u0000${version}`).digest("base64url").slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2). */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  const want = strip(etag);
  return one(header)
    .split(",")
    .some((t) => t.trim() === "*" || strip(t) === want);
}

/**
 * Caching of a public view by browsers and shared caches: browsers revalidate
 * every time (max-age=0, a 304 when nothing changed); a CDN may serve it for
 * `sMaxAge` seconds and, while it revalidates, `staleWhileRevalidate` more.
 */
export function publicCacheControl(sMaxAge: number, staleWhileRevalidate: number): string {
  return `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
}
