import { describe, expect, test } from "vitest";
import { parseAt } from "@/lib/views/at-param";
import { movesBetween } from "@/lib/server/services/history";

describe("parseAt", () => {
  test("a version number", () => {
    expect(parseAt("0")).toEqual({ version: 0 });
    expect(parseAt(" 42 ")).toEqual({ version: 42 });
  });
  test("an ISO date: a bare day means its end (UTC); a time keeps its zone", () => {
    expect(parseAt("2026-11-29")).toEqual({ date: new Date("2026-11-29T23:59:59.999Z") });
    expect(parseAt("2026-11-29T12:00:00Z")).toEqual({ date: new Date("2026-11-29T12:00:00Z") });
    expect(parseAt("2026-11-29T12:00:00.123+02:00")).toEqual({ date: new Date("2026-11-29T10:00:00.123Z") });
  });
  test.each(["", "-1", "1.5", "v3", "yesterday", "2026-13-45", "2026-11-29T25:00", "1234567890"])("%j is refused with the expected forms", (raw) => {
    const r = parseAt(raw);
    expect(r).toHaveProperty("error");
    expect((r as { error: string }).error).toContain("expected a version number");
  });
});

describe("movesBetween", () => {
  const ranks = (rows: [string, number, number][]) => new Map(rows.map(([slug, rank, score]) => [slug, { rank, score, displayName: slug.toUpperCase() }]));
  test("only members whose rank or score differ, entering and leaving included, in rank order after then those that left", () => {
    const before = ranks([["a", 1, 0.9], ["b", 2, 0.8], ["c", 3, 0.5], ["d", 4, 0.4]]);
    const after = ranks([["b", 1, 0.85], ["a", 2, 0.8], ["e", 3, 0.6], ["d", 4, 0.4]]);
    expect(movesBetween(before, after)).toEqual([
      { slug: "b", displayName: "B", rankBefore: 2, rankAfter: 1, scoreBefore: 0.8, scoreAfter: 0.85 },
      { slug: "a", displayName: "A", rankBefore: 1, rankAfter: 2, scoreBefore: 0.9, scoreAfter: 0.8 },
      { slug: "e", displayName: "E", rankBefore: null, rankAfter: 3, scoreBefore: null, scoreAfter: 0.6 },
      { slug: "c", displayName: "C", rankBefore: 3, rankAfter: null, scoreBefore: 0.5, scoreAfter: null },
    ]);
  });
  test("NaN scores that stay NaN are no move", () => {
    expect(movesBetween(ranks([["a", 1, NaN]]), ranks([["a", 1, NaN]]))).toEqual([]);
  });
});
