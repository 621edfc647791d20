import { describe, expect, test } from "vitest";
import { pageOf } from "@/lib/views/paging";
import { pickRounds, searchRounds } from "@/lib/views/round-picker";

const round = (slug: string, featured: boolean, minute: number) => ({
  slug,
  name: `Round ${slug}`,
  featured,
  updatedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
});

describe("round picker", () => {
  // Site order: 8 featured, then 1,249 others changed at increasing times.
  const all = [
    ...Array.from({ length: 8 }, (_, i) => round(`f${i}`, true, i)),
    ...Array.from({ length: 1249 }, (_, i) => round(`r${String(i).padStart(4, "0")}`, false, i)),
  ];

  test("at most 6 featured + 6 most recently changed + the current one, in site order", () => {
    const shown = pickRounds(all, "r0003").map((r) => r.slug);
    expect(shown).toEqual(["f0", "f1", "f2", "f3", "f4", "f5", "r0003", "r1243", "r1244", "r1245", "r1246", "r1247", "r1248"]);
  });

  test("a featured round beyond the first 6 can be recent; the current one is not shown twice", () => {
    const recentFeatured = all.map((r) => (r.slug === "f7" ? { ...r, updatedAt: "2030-01-01T00:00:00Z" } : r));
    const shown = pickRounds(recentFeatured, "f0").map((r) => r.slug);
    expect(shown).toHaveLength(12);
    expect(shown).toContain("f7");
    expect(shown.filter((s) => s === "f0")).toHaveLength(1);
  });

  test("few rounds: all of them", () => {
    const few = all.slice(0, 3);
    expect(pickRounds(few)).toEqual(few);
  });
});

describe("round search and pages", () => {
  const rounds = [round("algoperf-v0.5-external", true, 0), round("paper-2505.24005", true, 1), round("synthetic-00001", false, 2)];

  test("every word must occur in the name or slug, case-insensitively", () => {
    expect(searchRounds(rounds, "ALGOPERF v0.5").map((r) => r.slug)).toEqual(["algoperf-v0.5-external"]);
    expect(searchRounds(rounds, "round").map((r) => r.slug)).toHaveLength(3);
    expect(searchRounds(rounds, "  ")).toHaveLength(3);
    expect(searchRounds(rounds, "paper nothing")).toEqual([]);
  });

  test("pages are clamped to the ones there are", () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 1, 50)).toEqual({ items: items.slice(0, 50), page: 1, pages: 3 });
    expect(pageOf(items, 3, 50).items).toEqual(items.slice(100));
    expect(pageOf(items, 99, 50).page).toBe(3);
    expect(pageOf(items, -4, 50).page).toBe(1);
    expect(pageOf(items, Number.NaN, 50).page).toBe(1);
    expect(pageOf([], 1, 50)).toEqual({ items: [], page: 1, pages: 1 });
  });
});
