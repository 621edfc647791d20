// Numbers of eval_measurements.csv (ingest/algoperf/log-numbers.ts): the
// correctly rounded conversion of 16-19 digit decimals without a substring must
// be JS Number() (correctly rounded, docs/scoring.md §1.6) bit for bit,
// above all next to the midpoint of two doubles, where a sloppy conversion
// rounds the wrong way.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decimalAt } from "@/ingest/algoperf/log-numbers";

/** decimalAt on a field as the reader sees it (followed by a delimiter); Number() where it declines. */
const fast = (s: string) => {
  const stop = { end: 0 };
  const v = decimalAt(`${s},`, 0, false, stop);
  return stop.end === s.length ? v : undefined;
};
const convert = (s: string) => fast(s) ?? Number(s);

/** The exact midpoint between x > 0 and the next double up, as a decimal digit string and a power of ten (BigInt arithmetic). */
function midpoint(x: number): { digits: string; exp10: number } {
  const bits = new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  const exponent = Number((bits >> 52n) & 0x7ffn) - 1075;
  const mantissa = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  // x = mantissa · 2^exponent, so the midpoint is (2·mantissa + 1) · 2^(exponent - 1) = (2·mantissa + 1) · 5^k / 10^k.
  const k = 1 - exponent;
  return k <= 0
    ? { digits: ((2n * mantissa + 1n) << BigInt(-k)).toString(), exp10: 0 }
    : { digits: ((2n * mantissa + 1n) * 5n ** BigInt(k)).toString(), exp10: -k };
}

/** The decimal text of digits · 10^exp10, e.g. ("12345", -3) → "12.345", ("12", -4) → "0.0012". */
function decimal(digits: string, exp10: number): string {
  if (exp10 >= 0) return digits + "0".repeat(exp10);
  const point = digits.length + exp10;
  return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
}

describe("decimalAt, exact numbers", () => {
  test("near the midpoint of two doubles: 15 to 19 significant digits, one unit below, at and above the cut", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 15, max: 19 }), fc.integer({ min: -1, max: 1 }), (x, sig, delta) => {
        const { digits, exp10 } = midpoint(x);
        const cut = BigInt(digits.slice(0, sig)) + BigInt(delta);
        const text = decimal(cut.toString(), exp10 + digits.length - sig);
        expect(Object.is(convert(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  test("exact ties go to the even neighbour, as Number() does", () => {
    // Doubles in [2^52, 2^53) are the integers, in [2^51, 2^52) the halves: these decimals lie exactly between two of them.
    for (const text of [
      "4503599627370496.5",
      "4503599627370497.5",
      "4503599627370496.500",
      "2251799813685248.25",
      "2251799813685249.75",
      "-4503599627370497.50",
    ]) {
      expect(Object.is(convert(text), Number(text)), text).toBe(true);
    }
  });

  test("the runner's 16-17 digit times and metrics, and signs", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{16,19}$/), fc.integer({ min: 0, max: 8 }), fc.constantFrom("", "-", "+"), (digits, at, sign) => {
        for (const text of [
          `${sign}${digits.slice(0, at)}.${digits.slice(at)}`,
          `${sign}0.${digits}`,
          `${sign}${digits.slice(0, at + 1)}.${digits.slice(at + 1)}e-3`,
        ]) {
          expect(Object.is(convert(text), Number(text)), text).toBe(true);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  test("converted without Number() for the runner's shapes (else the fast path would be dead code)", () => {
    expect(fast("672.2151033990995")).toBe(672.2151033990995);
    expect(fast("0.10720365855570271")).toBe(0.10720365855570271);
    // 20 digits: left to Number().
    expect(fast("0.1072036585557027123")).toBeUndefined();
  });
});
