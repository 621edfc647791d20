// Responses of the small public documents that follow a round's data version
// (badges, Atom feeds): a strong ETag from what they depend on, a 304 on
// If-None-Match, and Cache-Control a CDN may keep for a few minutes (after
// that it revalidates, cheaply, with the ETag).
import { createHash } from "node:crypto";
import { ifNoneMatchHits, publicCacheControl } from "@/lib/server/page-cache/request-key";

/** Seconds a shared cache serves a badge or feed before revalidating, and serves it stale while revalidating. */
const S_MAXAGE = 300;
const STALE_WHILE_REVALIDATE = 3600;

export function versionedResponse(req: Request, doc: { body: string; contentType: string; etagOf: string; status?: number }): Response {
  const etag = `"${createHash("sha256").update(doc.etagOf).digest("base64url").slice(0, 27)}"`;
  const headers = { etag, "cache-control": publicCacheControl(S_MAXAGE, STALE_WHILE_REVALIDATE) };
  if ((doc.status ?? 200) === 200 && ifNoneMatchHits(req.headers.get("if-none-match") ?? undefined, etag)) return new Response(null, { status: 304, headers });
  return new Response(doc.body, { status: doc.status ?? 200, headers: { ...headers, "content-type": doc.contentType } });
}
