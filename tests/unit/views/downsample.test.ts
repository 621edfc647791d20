import { describe, expect, test } from "vitest";
import { crossingIndices, lttbIndices } from "@/lib/views/downsample";

describe("lttbIndices", () => {
  test("a series no longer than the threshold is kept whole", () => {
    expect(lttbIndices([1, 2, 3], [3, 1, 2], 10)).toEqual([0, 1, 2]);
  });

  test("a peak that a stride would miss is kept (what LTTB is for)", () => {
    // 2 + 4 buckets of 5 points on a flat line; one spike inside the second bucket.
    const n = 22;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 8 ? 100 : 0));
    const idx = lttbIndices(x, y, 6);
    expect(idx).toHaveLength(6);
    expect(idx).toContain(8);
  });

  test("at most threshold points, first and last kept, ascending, and the kept indices exactly", () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i * 0.5);
    const y = x.map((v) => Math.exp(-v / 5000) + 0.01 * Math.sin(v));
    const keep = [41_233, 41_234];
    const idx = lttbIndices(x, y, 500, keep);
    expect(idx.length).toBeLessThanOrEqual(502);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(n - 1);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
    for (const k of keep) expect(idx).toContain(k);
  });

  test("NaN values do not break the selection", () => {
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const y = x.map((i) => (i % 7 === 0 ? NaN : i));
    const idx = lttbIndices(x, y, 50);
    expect(idx.length).toBeLessThanOrEqual(50);
    expect(idx.at(-1)).toBe(999);
  });
});

describe("crossingIndices", () => {
  test("the hit and the eval before it; the hit alone at index 0; nothing without a hit", () => {
    expect(crossingIndices(7)).toEqual([6, 7]);
    expect(crossingIndices(0)).toEqual([0]);
    expect(crossingIndices(null)).toEqual([]);
  });
});
