// The view cache (lib/server/cache.ts) is bounded by the bytes its values hold,
// not only by its 500 entries: analyses at points=10000 with a new seed each
// would otherwise keep 500 reports of about 10 MB (docs/availability.md §1).
import { afterAll, describe, expect, test } from "vitest";
import { approximateBytes } from "@/lib/server/approximate-bytes";

process.env.ALGOPERF_VIEW_CACHE_MB = "64";
const { cached } = await import("@/lib/server/cache");
afterAll(() => {
  delete process.env.ALGOPERF_VIEW_CACHE_MB;
});

const report = (seed: number) => ({ seed, profiles: Array.from({ length: 100 }, () => Array.from({ length: 10_000 }, (_, k) => k / 7)) });

describe("view cache bytes", () => {
  test("approximateBytes counts numbers, strings, nested values and typed arrays, and stops past its limit", () => {
    expect(approximateBytes(report(1))).toBeGreaterThan(100 * 10_000 * 8);
    expect(approximateBytes({ a: "x".repeat(1000) })).toBeGreaterThan(2000);
    expect(approximateBytes(new Float64Array(1000))).toBeGreaterThanOrEqual(8000);
    expect(approximateBytes(report(1), 1000)).toBeLessThan(100_000);
  });

  test("reports of 8 MB each: at most 64 MB of them stay cached, the newest first; concurrent callers still share one computation", async () => {
    let computed = 0;
    const compute = (seed: number) => async () => {
      computed++;
      return report(seed);
    };
    const [a, b] = await Promise.all([cached("r|1", compute(1)), cached("r|1", compute(1))]);
    expect(a).toBe(b);
    expect(computed).toBe(1);
    for (let seed = 2; seed <= 20; seed++) await cached(`r|${seed}`, compute(seed));
    computed = 0;
    await cached("r|20", compute(20));
    expect(computed).toBe(0);
    for (let seed = 1; seed <= 20; seed++) await cached(`r|${seed}`, compute(seed));
    // 20 reports of ~8 MB do not fit in 64 MB: most were computed again.
    expect(computed).toBeGreaterThan(10);
  });
});
