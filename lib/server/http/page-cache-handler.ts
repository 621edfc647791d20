// The page cache in front of Next.js's request handler (docs/page-cache.md):
// a public page view is rendered once per (view, site version) and then
// served from memory with a fresh CSP nonce per response, an ETag, a 304 on
// If-None-Match, and Cache-Control that lets a CDN keep it. Everything else
// goes to Next.js as before.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { compressPieces, gzipFilled } from "@/lib/server/page-cache/gzip-template";
import { fillTemplate, nonceOf, toTemplate } from "@/lib/server/page-cache/nonce-template";
import type { PageStore, StoredPage } from "@/lib/server/page-cache/page-store";
import { leaseId, type PeerRenders } from "@/lib/server/page-cache/peer-renders";
import { ifNoneMatchHits, isCacheablePageRequest, pageETag, pageKey, publicCacheControl } from "@/lib/server/page-cache/request-key";
import { currentPin } from "@/lib/db/pinned";
import { renderContext, type RenderContext } from "@/lib/server/render-context";

export interface PageCacheOptions {
  /** Next.js's handler (app.getRequestHandler()). */
  next: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The current site version (lib/server/page-cache/site-version.ts). */
  siteVersion: () => Promise<string>;
  /** The build's id: a new deployment changes every ETag. */
  buildId: string;
  store: PageStore;
  /** Cache-Control for shared caches (CDN): seconds fresh, and seconds served stale while revalidating. */
  sMaxAge: number;
  staleWhileRevalidate: number;
  /** The other worker processes of this machine (peer-renders.ts): a cold view is rendered by one of them. */
  peers?: PeerRenders | null;
}

/** The same format as proxy.ts's nonces: base64 of a random UUID (122 random bits). */
const freshNonce = () => Buffer.from(randomUUID()).toString("base64");

/** Headers that belong to one response, not to the stored page. */
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "cache-control",
  "etag",
  "set-cookie",
  "x-page-cache",
]);

export function pageCacheHandler(options: PageCacheOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!isCacheablePageRequest(req.method, url.pathname, req.headers)) return options.next(req, res);
    let version: string;
    // A view pinned by `?at=` (lib/server/http/pin-request.ts) is the same at every later site version.
    const pin = currentPin();
    try {
      version = pin ? `at:${pin.roundId}@${pin.version}` : await options.siteVersion();
    } catch {
      // No version, no cache: Next.js renders the page's outage view (not stored).
      return options.next(req, res);
    }
    const key = pageKey(url, req.headers);
    const etag = pageETag(options.buildId, key, version);
    // An ETag is only ever sent with a final 200 render of this view at this version.
    if (ifNoneMatchHits(req.headers["if-none-match"], etag)) return notModified(res, etag, options);
    const stored = options.store.get(key, version);
    if (stored) return serveStored(req, res, stored, options, "hit");
    let wrote = false;
    const { leader, page } = options.store.renderOnce(key, version, async () => {
      // One render per machine: another worker process may be rendering this view already.
      const id = leaseId(version, key);
      const lease = options.peers ? await options.peers.lease(id) : { render: true as const };
      if (!lease.render && lease.page) return lease.page;
      wrote = true;
      const rendered = await renderThrough(req, res, { ...options, version, etag });
      options.peers?.done(id, key, rendered);
      return rendered;
    });
    const rendered = await page;
    if (wrote) return;
    // "peer": rendered by another worker process, this request waited for it.
    if (rendered) return serveStored(req, res, rendered, options, leader ? "peer" : "coalesced");
    return options.next(req, res);
  };
}

function notModified(res: ServerResponse, etag: string, options: PageCacheOptions): void {
  // No Content-Security-Policy here: the client keeps the document it has with
  // the policy it came with (a new nonce would not match that document).
  res.writeHead(304, { etag, "cache-control": publicCacheControl(options.sMaxAge, options.staleWhileRevalidate), "x-page-cache": "not-modified" });
  res.end();
}

const acceptsGzip = (header: string | string[] | undefined) => /\bgzip\b/.test(Array.isArray(header) ? header.join(",") : (header ?? ""));

/** Each stored page's pieces compressed once (gzip-template.ts), made on the first gzip response. */
const compressed = new WeakMap<StoredPage, Promise<Buffer[]>>();

function compressedPieces(page: StoredPage): Promise<Buffer[]> {
  let pieces = compressed.get(page);
  if (!pieces) compressed.set(page, (pieces = compressPieces(page.template)));
  return pieces;
}

async function serveStored(req: IncomingMessage, res: ServerResponse, page: StoredPage, options: PageCacheOptions, how: string): Promise<void> {
  const nonce = freshNonce();
  const { body, headers } = fillTemplate(page.template, nonce);
  const final = page.freshUntil === Infinity;
  const out: OutgoingHttpHeaders = { ...headers, "x-page-cache": how };
  // A provisional page (intervals still computing) is for this reader only.
  out["cache-control"] = final ? publicCacheControl(options.sMaxAge, options.staleWhileRevalidate) : "private, no-cache, no-store, max-age=0, must-revalidate";
  if (final) out.etag = page.etag;
  out.vary = [headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  let payload = body;
  if (acceptsGzip(req.headers["accept-encoding"])) {
    // The pieces are compressed once per stored page; a response only adds its nonce, the header and the checksum.
    payload = gzipFilled(page.template, await compressedPieces(page), nonce);
    out["content-encoding"] = "gzip";
  }
  out["content-length"] = payload.length;
  res.writeHead(page.status, out);
  res.end(payload);
}

/**
 * The leader's request goes to Next.js, streamed to its reader as usual, and
 * the bytes are kept: the stored page if the render was a complete, public,
 * current one (status 200, HTML or RSC payload, nothing marked uncacheable).
 */
async function renderThrough(req: IncomingMessage, res: ServerResponse, o: PageCacheOptions & { version: string; etag: string }): Promise<StoredPage | null> {
  // Stored uncompressed: each response gets its own nonce, then its own compression.
  delete req.headers["accept-encoding"];
  res.setHeader("x-page-cache", "miss");
  const chunks = teeBody(res);
  const finished = new Promise<boolean>((resolve) => {
    res.once("finish", () => resolve(true));
    res.once("close", () => resolve(res.writableFinished));
  });
  const context: RenderContext = {};
  await renderContext.run(context, () => o.next(req, res));
  if (!(await finished) || context.uncacheable || res.statusCode !== 200) return null;
  const type = String(res.getHeader("content-type") ?? "");
  const html = type.startsWith("text/html");
  if ((!html && !type.startsWith("text/x-component")) || res.hasHeader("set-cookie")) return null;
  const nonce = nonceOf(String(res.getHeader("content-security-policy") ?? ""));
  if (!nonce) return null;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.getHeaders())) if (v !== undefined && !PER_RESPONSE.has(k)) headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
  const template = toTemplate(Buffer.concat(chunks), headers, nonce);
  // A document whose scripts carry no nonce would not run under the CSP: not what Next.js renders.
  if (html && template.occurrences === 0) return null;
  return { status: 200, template, version: o.version, etag: o.etag, freshUntil: context.provisional ? Date.now() + o.store.options.provisionalMs : Infinity };
}

/** Keeps a copy of every body chunk written to `res`. */
function teeBody(res: ServerResponse): Buffer[] {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return end(...args);
  }) as typeof res.end;
  return chunks;
}
