// Pure helpers that keep hostile text harmless: what PostgreSQL can store
// (lib/db/text.ts), spreadsheet formulas in CSV (lib/views/csv.ts, OWASP "CSV
// Injection"), and the client address the rate limiter keys on.
import { csvParseRows } from "d3";
import { describe, expect, test } from "vitest";
import { storable, unstorableText } from "@/lib/db/text";
import { clientIp } from "@/lib/server/rate-limit";
import { neutralizeFormula, toCsv } from "@/lib/views/csv";

describe("text PostgreSQL can hold", () => {
  test("NUL and lone surrogates are named; everything else is fine", () => {
    expect(unstorableText("a\u0000")).toMatch(/NUL/);
    expect(unstorableText("\uD83D")).toMatch(/lone surrogate/);
    expect(unstorableText("\uDE80x")).toMatch(/lone surrogate/);
    for (const ok of ["", "🚀", "<script>", "é\u200B", "\uFFFF"]) expect(unstorableText(ok), ok).toBeNull();
  });

  test("storable() replaces them by U+FFFD, in nested values and keys, and leaves the rest", () => {
    expect(storable({ "k\u0000": ["a\u0000b", "🚀\uD800", 1, null, { x: "\uDC00" }] })).toEqual({ "k\uFFFD": ["a\uFFFDb", "🚀\uFFFD", 1, null, { x: "\uFFFD" }] });
    expect(storable("plain <b>")).toBe("plain <b>");
    for (const s of ["\u0000", "x\uD800", "\uDFFFy"]) expect(unstorableText(storable(s))).toBeNull();
  });
});

describe("CSV formula injection", () => {
  test("cells starting with = + - @ tab or CR get a leading apostrophe; numbers and other text do not", () => {
    for (const f of ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutralizeFormula(f)).toBe(`'${f}`);
    for (const t of ["AdamW", " =1", "'=1", "", "1e-3"]) expect(neutralizeFormula(t)).toBe(t);
    const rows = csvParseRows(toCsv(["name", "=header"], [["=HYPERLINK(\"x\")", -1.5], ["-x", -Infinity], [null, Number.NaN]]));
    expect(rows).toEqual([
      ["name", "'=header"],
      ["'=HYPERLINK(\"x\")", "-1.5"],
      ["'-x", "-inf"],
      ["", "nan"],
    ]);
  });
});

describe("client address for per-IP limits", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  test("the rightmost X-Forwarded-For entry (the nearest proxy's view), when it is an IP address", () => {
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("::ffff:127.0.0.1");
    expect(clientIp(h({ "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientIp(h({}))).toBe("unknown");
  });
  test("anything else is one shared bucket, never an arbitrary string as a key", () => {
    expect(clientIp(h({ "x-forwarded-for": "1.2.3.4, " + "x".repeat(5000) }))).toBe("invalid");
    expect(clientIp(h({ "x-forwarded-for": "1.2.3.4, <script>" }))).toBe("invalid");
  });
});
