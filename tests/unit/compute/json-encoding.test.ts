// Big JSON answers are written on a JSON worker thread (lib/server/compute/json-encoding.ts,
// json-encoder.ts): the bytes, once unpacked and gunzipped, are stringifyScoring's
// text of the value, after a real structured clone of the packed value.
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { stringifyScoring } from "@/lib/scoring";
import { encodeJson } from "@/lib/server/compute/json-encoding";
import { packArrays } from "@/lib/server/compute/packed-arrays";
import { acceptsGzip } from "@/lib/server/http/accept-encoding";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("JSON encoding off the request loop", () => {
  test("the same text as stringifyScoring: non-finite numbers, nulls, undefined members, nested values, strings to escape", () => {
    const value = {
      a: [1, NaN, Infinity, -Infinity, null, 'x"y\n', undefined],
      b: { c: undefined, d: [{ e: 1.5 }, [2, [3, { f: "g" }]]], h: {} },
      long: Array.from({ length: 200 }, (_, k) => (k % 7 === 0 ? NaN : k / 3)),
      'k"ey': true,
      date: new Date(0),
    };
    const task = structuredClone({ value: packArrays(value), gzip: false });
    expect(text(encodeJson(task))).toBe(stringifyScoring(value));
    for (const v of [1, "s", null, [1, 2], NaN]) expect(text(encodeJson({ value: packArrays(v), gzip: false }))).toBe(stringifyScoring(v));
  });

  test("gzip: a 10 MB report gunzips to the same text, several times smaller, in a buffer of its own", () => {
    const profiles = Object.fromEntries(Array.from({ length: 60 }, (_, m) => [`m${m}`, Array.from({ length: 10_000 }, (_, k) => (k * (m + 1)) / 7)]));
    const report = { leaveOut: Array.from({ length: 2 }, (_, w) => ({ workload: `w${w}`, profiles })) };
    const whole = stringifyScoring(report);
    expect(whole.length).toBeGreaterThan(10_000_000);
    const bytes = encodeJson(structuredClone({ value: packArrays(report), gzip: true }));
    expect(gunzipSync(bytes).toString("utf8")).toBe(whole);
    expect(bytes.byteLength).toBeLessThan(whole.length / 2);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
    const small = encodeJson({ value: { a: 1 }, gzip: false });
    expect(small.byteLength).toBe(small.buffer.byteLength);
  });

  test("Accept-Encoding: gzip or * with a quality above 0", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip("deflate, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
