import { describe, expect, test } from "vitest";
import { ifNoneMatchHits, isCacheablePageRequest, pageETag, pageKey, publicCacheControl } from "@/lib/server/page-cache/request-key";

const key = (u: string, h: Record<string, string> = {}) => pageKey(new URL(u, "http://x"), h);

describe("page cache keys", () => {
  test("the order of different parameters does not matter; the order of repeated values does", () => {
    expect(key("/rounds/a?sort=score&tauMax=4")).toBe(key("/rounds/a?tauMax=4&sort=score"));
    expect(key("/rounds/a?pool=x&pool=y")).not.toBe(key("/rounds/a?pool=y&pool=x"));
    expect(key("/rounds/a")).not.toBe(key("/rounds/b"));
    expect(key("/rounds/a?x=1")).not.toBe(key("/rounds/a?x=2"));
  });

  test("the RSC payload of a navigation is another entry than the HTML", () => {
    expect(key("/rounds/a", { rsc: "1" })).not.toBe(key("/rounds/a"));
    expect(key("/rounds/a", { rsc: "1", "next-router-state-tree": "t1" })).not.toBe(key("/rounds/a", { rsc: "1", "next-router-state-tree": "t2" }));
    expect(key("/rounds/a", { "user-agent": "other" })).toBe(key("/rounds/a"));
  });

  test("only GETs of pages without a token are served from the cache", () => {
    expect(isCacheablePageRequest("GET", "/rounds/a", {})).toBe(true);
    expect(isCacheablePageRequest("GET", "/rounds/paper-2505.24005", {})).toBe(true);
    expect(isCacheablePageRequest("GET", "/icon.svg", {})).toBe(false);
    expect(isCacheablePageRequest("GET", "/", { cookie: "a=b" })).toBe(true);
    expect(isCacheablePageRequest("POST", "/rounds/a", {})).toBe(false);
    expect(isCacheablePageRequest("HEAD", "/rounds/a", {})).toBe(false);
    expect(isCacheablePageRequest("GET", "/api/health", {})).toBe(false);
    expect(isCacheablePageRequest("GET", "/_next/static/chunks/a.js", {})).toBe(false);
    expect(isCacheablePageRequest("GET", "/favicon.ico", {})).toBe(false);
    expect(isCacheablePageRequest("GET", "/rounds/a", { authorization: "Bearer x" })).toBe(false);
  });
});

describe("validators and caching headers", () => {
  test("the ETag changes with the version, the view and the build", () => {
    const e = pageETag("b1", "k", "v1");
    expect(e).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(pageETag("b1", "k", "v2")).not.toBe(e);
    expect(pageETag("b1", "k2", "v1")).not.toBe(e);
    expect(pageETag("b2", "k", "v1")).not.toBe(e);
    expect(pageETag("b1", "k", "v1")).toBe(e);
  });

  test("If-None-Match: lists, weak and strong forms, *", () => {
    const e = 'W/"abc"';
    expect(ifNoneMatchHits(undefined, e)).toBe(false);
    expect(ifNoneMatchHits('W/"abc"', e)).toBe(true);
    expect(ifNoneMatchHits('"abc"', e)).toBe(true);
    expect(ifNoneMatchHits('"x", W/"abc"', e)).toBe(true);
    expect(ifNoneMatchHits("*", e)).toBe(true);
    expect(ifNoneMatchHits('W/"abd"', e)).toBe(false);
  });

  test("public views: browsers revalidate, a CDN may keep them", () => {
    expect(publicCacheControl(60, 600)).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=600");
  });
});
