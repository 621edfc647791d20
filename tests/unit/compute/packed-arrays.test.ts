// Long arrays of numbers cross from a compute worker packed in Float64Arrays
// (lib/server/compute/packed-arrays.ts): through a real structured clone, the
// result comes back equal, every double with its bits.
import { describe, expect, test } from "vitest";
import { packArrays, unpackArrays } from "@/lib/server/compute/packed-arrays";

describe("packed arrays", () => {
  test("a result with long and short arrays of numbers, nested in objects and arrays, survives structuredClone exactly", () => {
    const long = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? NaN : i % 11 === 0 ? -Infinity : i % 13 === 0 ? -0 : i / 3));
    const value = {
      profiles: { a: long, b: [...long].reverse() },
      tau: Array.from({ length: 100 }, (_, i) => 1 + i / 33),
      short: [1, 2, 3],
      mixed: [...Array.from({ length: 70 }, (_, i) => i), "x"],
      members: [{ name: "a", interval: [0.1, 0.2], ranks: Array.from({ length: 64 }, (_, i) => i + 1) }],
      none: null,
      flag: true,
    };
    const packed = packArrays(value) as { profiles: { a: unknown } };
    expect(packed.profiles.a).toEqual({ $packedFloat64: expect.any(Float64Array) });
    const back = unpackArrays(structuredClone(packed));
    expect(back).toEqual(value);
    const a = (back as typeof value).profiles.a;
    expect(Array.isArray(a)).toBe(true);
    for (let i = 0; i < long.length; i++) expect(Object.is(a[i], long[i]), `index ${i}`).toBe(true);
  });
});

describe("packing on the request loop", () => {
  test("packArraysYielding packs like packArrays, yielding between slices", async () => {
    const { packArraysYielding } = await import("@/lib/server/compute/packed-arrays");
    const long = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? NaN : i % 13 === 0 ? -0 : i / 3));
    const value = { leaveOut: Array.from({ length: 200 }, (_, w) => ({ workload: `w${w}`, profile: long, short: [w] })), when: new Date(0), none: null };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const packed = await packArraysYielding(value, 0);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(packed).toEqual(packArrays(value));
    expect(unpackArrays(structuredClone(packed))).toEqual(value);
  });
});
