// The streamed JSON of analysis reports (lib/server/json-stream.ts) is
// byte for byte stringifyScoring's, in pieces of at most about 64 KB.
import { describe, expect, test } from "vitest";
import { stringifyScoring } from "@/lib/scoring";
import { scoringJsonStream } from "@/lib/server/json-stream";

async function text(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let out = "";
  let chunks = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    out += decoder.decode(r.value, { stream: true });
    chunks++;
  }
  return { text: out, chunks };
}

describe("streamed scoring JSON", () => {
  test("equals stringifyScoring: non-finite numbers, nulls, undefined members, nested arrays and objects, strings to escape", async () => {
    const value = {
      a: [1, NaN, Infinity, -Infinity, null, 'x"y\n', undefined],
      b: { c: undefined, d: [{ e: 1.5 }, [2, [3, { f: "g" }]]], h: {} },
      i: [],
      'k"ey': true,
      date: new Date(0),
      nested: [[[]]],
    };
    expect((await text(scoringJsonStream(value))).text).toBe(stringifyScoring(value));
    for (const v of [1, "s", null, [1, 2], NaN]) expect((await text(scoringJsonStream(v))).text).toBe(stringifyScoring(v));
  });

  test("a 10 MB report comes in many pieces, the same text", async () => {
    const profiles = Object.fromEntries(Array.from({ length: 60 }, (_, m) => [`m${m}`, Array.from({ length: 10_000 }, (_, k) => (k * (m + 1)) / 7)]));
    const report = { leaveOut: Array.from({ length: 2 }, (_, w) => ({ workload: `w${w}`, profiles })) };
    const { text: out, chunks } = await text(scoringJsonStream(report));
    const whole = stringifyScoring(report);
    expect(whole.length).toBeGreaterThan(10_000_000);
    expect(out).toBe(whole);
    expect(chunks).toBeGreaterThan(whole.length / (1024 * 1024));
  });
});
