// RunEvals stores each series packed (lib/db/eval-columns.ts): what is packed
// must unpack to the same numbers bit for bit, NaN as NaN, -0 as -0, and the
// byte layout is the documented one (little-endian Int32 / Float64), which the
// migration that converted the old arrays writes too.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lastValue, packSteps, packValues, unpackEvals, unpackSteps, unpackValues } from "@/lib/db/eval-columns";

describe("packed eval series", () => {
  test("steps (int32) and values (any double, NaN, ±Infinity, -0) round-trip exactly", () => {
    const values = fc.array(fc.oneof(fc.double(), fc.constantFrom(-0, 5e-324, 3845.9997606277466, NaN, Infinity, -Infinity)), { maxLength: 50 });
    const steps = fc.array(fc.integer({ min: 0, max: 2147483647 }), { maxLength: 50 });
    fc.assert(
      fc.property(steps, values, values, (s, t, m) => {
        const back = unpackEvals({ steps: packSteps(s), times: packValues(t), metrics: packValues(m) });
        expect(back.steps).toEqual(s);
        expect(back.times).toEqual(t); // toEqual tells NaN equal to NaN and -0 from 0 (Object.is)
        expect(back.metrics).toEqual(m);
      }),
      { numRuns: 1000 },
    );
  });

  test("the layout is little-endian Int32 and Float64", () => {
    expect([...packSteps([1, 256])]).toEqual([1, 0, 0, 0, 0, 1, 0, 0]);
    expect(packValues([1]).toString("hex")).toBe("000000000000f03f");
    expect(unpackValues(Buffer.from("000000000000f8ff", "hex"))).toEqual([NaN]);
  });

  test("a view into a larger buffer (as a driver may return) unpacks from its own offset", () => {
    const big = Buffer.concat([Buffer.from([9, 9, 9]), packValues([0.1, 0.2]), packSteps([7])]);
    expect(unpackValues(big.subarray(3, 19))).toEqual([0.1, 0.2]);
    expect(unpackSteps(new Uint8Array(big.buffer, big.byteOffset + 19, 4))).toEqual([7]);
  });

  test("a length that is not a whole number of values is refused; lastValue of empty is null", () => {
    expect(() => unpackValues(Buffer.alloc(7))).toThrow(/not a multiple of 8/);
    expect(lastValue(Buffer.alloc(0))).toBeNull();
    expect(lastValue(null)).toBeNull();
    expect(lastValue(packValues([1, 2, 3.5]))).toBe(3.5);
  });
});
