import { describe, expect, test } from "vitest";
import { parseAt } from "@/lib/views/at-param";
import { currentUrlOf, roundOfUrl } from "@/lib/server/http/pin-request";
import { movesBetween } from "@/lib/views/rank-moves";

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
    const before = ranks([
      ["a", 1, 0.9],
      ["b", 2, 0.8],
      ["c", 3, 0.5],
      ["d", 4, 0.4],
    ]);
    const after = ranks([
      ["b", 1, 0.85],
      ["a", 2, 0.8],
      ["e", 3, 0.6],
      ["d", 4, 0.4],
    ]);
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

describe("the round a pinned URL views", () => {
  const u = (path: string) => new URL(path, "http://localhost");
  test.each([
    ["/rounds/algoperf-v0.5-external?at=3", "algoperf-v0.5-external"],
    ["/rounds/paper-2505.24005/submissions/x", "paper-2505.24005"],
    ["/analysis/r1/uncertainty", "r1"],
    ["/api/v1/rounds/r%2F2/leaderboard", "r/2"],
    ["/badges/r1/a.svg", "r1"],
    ["/paper", "paper-2505.24005"],
    ["/api/v1/paper?integration=exact", "paper-2505.24005"],
    ["/compare?round=r3&a=x", "r3"],
    ["/workloads/ogbg?round=r4", "r4"],
    ["/", null],
    ["/workloads", null],
  ])("%s → %s", (path, round) => {
    expect(roundOfUrl(u(path))).toBe(round);
  });
  test("the current view of a pinned URL is the same URL without at", () => {
    expect(currentUrlOf(u("/rounds/r?at=3&pool=a,b"))).toBe("/rounds/r?pool=a%2Cb");
    expect(currentUrlOf(u("/rounds/r?at=3"))).toBe("/rounds/r");
  });
});
