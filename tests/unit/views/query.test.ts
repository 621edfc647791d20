// The URL form of a leaderboard view: what the pages, the endpoints and the
// client controls agree on.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseViewQuery } from "@/lib/views/parse-query";
import { EMPTY_QUERY, serializeViewQuery, viewHref, withMember, type ViewQuery } from "@/lib/views/query";

describe("parseViewQuery / serializeViewQuery", () => {
  test("a view survives the round trip through its canonical URL", () => {
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
    const label = fc.stringMatching(/^[A-Za-z][A-Za-z :()-]{0,30}[A-Za-z)]$/);
    const query = fc.record({
      horizon: fc.uniqueArray(fc.constantFrom("33", "50", "66", "none"), { maxLength: 4 }),
      family: fc.uniqueArray(label, { maxLength: 3 }),
      base: fc.uniqueArray(label, { maxLength: 3 }),
      source: fc.uniqueArray(fc.constantFrom("published" as const, "imported" as const, "uploaded" as const), { maxLength: 3 }),
      add: fc.uniqueArray(slug, { maxLength: 3 }),
      remove: fc.uniqueArray(slug, { maxLength: 3 }),
      tauMax: fc.option(fc.double({ min: 1.01, max: 1000, noNaN: true }), { nil: undefined }),
      integration: fc.option(fc.constantFrom("trapezoid" as const, "exact" as const), { nil: undefined }),
      points: fc.option(fc.integer({ min: 2, max: 10_000 }), { nil: undefined }),
      scale: fc.option(fc.constantFrom("linear" as const, "log" as const), { nil: undefined }),
      sort: fc.option(fc.constantFrom("rank", "score", "name", "w:criteo1tb"), { nil: undefined }),
      dir: fc.option(fc.constantFrom("asc" as const, "desc" as const), { nil: undefined }),
      axis: fc.option(fc.constantFrom("linear" as const, "log" as const), { nil: undefined }),
      hide: fc.uniqueArray(slug, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(query, (q) => {
        const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as ViewQuery;
        const parsed = parseViewQuery(new URLSearchParams(serializeViewQuery(clean)));
        expect(parsed.issues).toEqual([]);
        expect(parsed.query).toEqual(clean);
      }),
      { numRuns: 300 },
    );
  });

  test("the default view has no parameters; a no-JS form submission (repeated parameters) and comma lists read the same", () => {
    expect(serializeViewQuery(EMPTY_QUERY)).toBe("");
    const repeated = parseViewQuery(new URLSearchParams("horizon=33&horizon=66&add=a&add=b"));
    const commas = parseViewQuery(new URLSearchParams("horizon=33,66&add=a,b"));
    expect(repeated.query).toEqual(commas.query);
    expect(repeated.query.horizon).toEqual(["33", "66"]);
    // Next.js hands pages a record, not URLSearchParams.
    expect(parseViewQuery({ horizon: ["33", "66"], add: "a,b" }).query).toEqual(repeated.query);
  });

  test("every bad parameter is named with the reason and the valid values; the rest of the view is kept", () => {
    const { query, issues } = parseViewQuery(new URLSearchParams("horizon=66&tauMax=abc&integration=simpson&source=stolen&sort=nope&add=ok-slug"));
    expect(issues.map((i) => i.path).sort()).toEqual(["integration", "sort", "source", "tauMax"]);
    expect(issues.find((i) => i.path === "integration")!.message).toMatch(/trapezoid, exact/);
    expect(issues.find((i) => i.path === "source")!.message).toMatch(/published, imported, uploaded/);
    expect(query.horizon).toEqual(["66"]);
    expect(query.add).toEqual(["ok-slug"]);
    expect(query.tauMax).toBeUndefined();
    expect(parseViewQuery(new URLSearchParams("tauMax=1")).issues[0]).toMatchObject({ path: "tauMax", message: expect.stringMatching(/greater than 1/) });
    expect(parseViewQuery(new URLSearchParams("add=<script>")).issues[0]!.path).toBe("add");
  });

  test("unknown parameters (tracking tags) are ignored", () => {
    expect(parseViewQuery(new URLSearchParams("utm_source=x&round=y"))).toEqual({ query: EMPTY_QUERY, issues: [] });
  });
});

describe("withMember", () => {
  test("adding a submission outside the default pool is an `add`, removing a default member a `remove`, and undoing either leaves no trace", () => {
    const added = withMember(EMPTY_QUERY, "schedule-free-adamw", false, true);
    expect(added.add).toEqual(["schedule-free-adamw"]);
    expect(withMember(added, "schedule-free-adamw", false, false)).toEqual(EMPTY_QUERY);
    const removed = withMember(EMPTY_QUERY, "adamw-33-1", true, false);
    expect(removed.remove).toEqual(["adamw-33-1"]);
    expect(withMember(removed, "adamw-33-1", true, true)).toEqual(EMPTY_QUERY);
  });
});

test("viewHref puts page parameters first and leaves defaults out", () => {
  expect(viewHref("/workloads/ogbg", { ...EMPTY_QUERY, horizon: ["66"] }, { round: "paper-2505.24005" })).toBe(
    "/workloads/ogbg?round=paper-2505.24005&horizon=66",
  );
  expect(viewHref("/", EMPTY_QUERY)).toBe("/");
});
