// The HTTP side of the Atom feeds: the feed's absolute links use the origin
// the client asked (feeds are read outside the site), and it is cached by
// the version it was computed at (lib/server/http/versioned-response.ts).
import { versionedResponse } from "@/lib/server/http/versioned-response";
import type { FeedChanges } from "@/lib/server/services/feeds";
import { atomFeed, type FeedMeta } from "@/lib/views/feeds/atom-feed";

export function atomResponse(req: Request, feed: FeedChanges, meta: Omit<FeedMeta, "origin" | "updated">): Response {
  // The Host the client asked for: Next's req.url names the address the server listens on.
  const url = new URL(req.url);
  const origin = `${url.protocol}//${req.headers.get("host") ?? url.host}`;
  const body = atomFeed({ ...meta, origin, updated: feed.updated }, feed.changes);
  return versionedResponse(req, { body, contentType: "application/atom+xml; charset=utf-8", etagOf: `atom\u0000${meta.self}\u0000${feed.key}\u0000${origin}` });
}
