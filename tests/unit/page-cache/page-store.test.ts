import { describe, expect, test } from "vitest";
import { PageStore, type StoredPage } from "@/lib/server/page-cache/page-store";
import { siteVersionReader } from "@/lib/server/page-cache/site-version";

const page = (version: string, freshUntil = Infinity): StoredPage => ({
  status: 200,
  template: { body: [Buffer.from("a"), Buffer.from("b")], headers: {}, occurrences: 1 },
  version,
  etag: 'W/"x"',
  freshUntil,
});

describe("page store", () => {
  test("concurrent requests for one view at one version share a single render", async () => {
    const store = new PageStore({ maxBytes: 1e6, provisionalMs: 1000 });
    let renders = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const render = async () => {
      renders++;
      await gate;
      return page("v1");
    };
    const calls = Array.from({ length: 20 }, () => store.renderOnce("k", "v1", render));
    expect(calls.filter((c) => c.leader)).toHaveLength(1);
    release();
    const pages = await Promise.all(calls.map((c) => c.page));
    expect(renders).toBe(1);
    expect(new Set(pages).size).toBe(1);
    expect(store.get("k", "v1")).toBe(pages[0]);
  });

  test("a page of an older version is not served; an uncacheable render is not stored", async () => {
    const store = new PageStore({ maxBytes: 1e6, provisionalMs: 1000 });
    await store.renderOnce("k", "v1", async () => page("v1")).page;
    expect(store.get("k", "v1")).toBeDefined();
    expect(store.get("k", "v2")).toBeUndefined();
    await store.renderOnce("k2", "v1", async () => null).page;
    expect(store.get("k2", "v1")).toBeUndefined();
    // A failed render is shared as null and not stored.
    expect(await store.renderOnce("k3", "v1", async () => Promise.reject(new Error("boom"))).page).toBeNull();
  });

  test("a provisional page expires", async () => {
    const store = new PageStore({ maxBytes: 1e6, provisionalMs: 1000 });
    await store.renderOnce("k", "v1", async () => page("v1", 5000)).page;
    expect(store.get("k", "v1", 4999)).toBeDefined();
    expect(store.get("k", "v1", 5000)).toBeUndefined();
  });
});

describe("site version reader", () => {
  test("a caller arriving while a query runs gets the next query's answer, and callers share it", async () => {
    let version = 0;
    let queries = 0;
    const pending: (() => void)[] = [];
    const db = {
      query: () => {
        queries++;
        const v = String(++version);
        return new Promise<{ rows: { v: string }[] }>((resolve) => pending.push(() => resolve({ rows: [{ v }] })));
      },
    };
    const read = siteVersionReader(db);
    const first = read();
    const later = [read(), read(), read()];
    expect(queries).toBe(1);
    pending.shift()!();
    expect(await first).toBe("1");
    await new Promise((r) => setTimeout(r, 0));
    expect(queries).toBe(2);
    pending.shift()!();
    expect(await Promise.all(later)).toEqual(["2", "2", "2"]);
  });
});
