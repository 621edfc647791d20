// Pure helpers that keep hostile text harmless: what PostgreSQL can store
// (lib/db/text.ts), spreadsheet formulas in CSV (lib/views/csv.ts, OWASP "CSV
// Injection"), and the client address the rate limiter keys on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { csvParseRows } from "d3";
import { describe, expect, test } from "vitest";
import { storable, unstorableText } from "@/lib/db/text";
import { clientAddress, PEER_HEADER, PEER_SECRET_ENV, trustedProxies } from "@/lib/server/client-address";
import { neutralizeFormula, toCsv } from "@/lib/views/csv";

describe("text PostgreSQL can hold", () => {
  test("NUL and lone surrogates are named; everything else is fine", () => {
    expect(unstorableText("a\u0000")).toMatch(/NUL/);
    expect(unstorableText("\uD83D")).toMatch(/lone surrogate/);
    expect(unstorableText("\uDE80x")).toMatch(/lone surrogate/);
    for (const ok of ["", "🚀", "<script>", "é\u200B", "\uFFFF"]) expect(unstorableText(ok), ok).toBeNull();
  });

  test("storable() replaces them by U+FFFD, in nested values and keys, and leaves the rest", () => {
    expect(storable({ "k\u0000": ["a\u0000b", "🚀\uD800", 1, null, { x: "\uDC00" }] })).toEqual({
      "k\uFFFD": ["a\uFFFDb", "🚀\uFFFD", 1, null, { x: "\uFFFD" }],
    });
    expect(storable("plain <b>")).toBe("plain <b>");
    for (const s of ["\u0000", "x\uD800", "\uDFFFy"]) expect(unstorableText(storable(s))).toBeNull();
  });
});

describe("CSV formula injection", () => {
  test("cells starting with = + - @ tab or CR get a leading apostrophe; numbers and other text do not", () => {
    for (const f of ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutralizeFormula(f)).toBe(`'${f}`);
    for (const t of ["AdamW", " =1", "'=1", "", "1e-3"]) expect(neutralizeFormula(t)).toBe(t);
    const rows = csvParseRows(
      toCsv(
        ["name", "=header"],
        [
          ['=HYPERLINK("x")', -1.5],
          ["-x", -Infinity],
          [null, Number.NaN],
        ],
      ),
    );
    expect(rows).toEqual([
      ["name", "'=header"],
      ['\'=HYPERLINK("x")', "-1.5"],
      ["'-x", "-inf"],
      ["", "nan"],
    ]);
  });
});

describe("client address for per-IP limits (lib/server/client-address.ts)", () => {
  // What scripts/server.ts adds to every request: its process secret and the TCP peer.
  const env = (trusted?: string) => ({ ALGOPERF_PEER_SECRET: "s3cret", ...(trusted === undefined ? {} : { TRUSTED_PROXIES: trusted }) });
  const h = (peer: string | null, init: Record<string, string> = {}) =>
    new Headers({ ...init, ...(peer === null ? {} : { "x-algoperf-peer": `s3cret ${peer}` }) });
  test("the TCP peer; X-Forwarded-For is ignored when no proxy is trusted", () => {
    expect(clientAddress(h("198.51.100.7", { "x-forwarded-for": "203.0.113.9" }), env())).toBe("198.51.100.7");
    expect(clientAddress(h("::ffff:127.0.0.1", { "x-forwarded-for": "203.0.113.9" }), env())).toBe("127.0.0.1");
    expect(clientAddress(h("127.0.0.1", { "x-real-ip": "203.0.113.9" }), env())).toBe("127.0.0.1");
  });
  test("behind trusted proxies: X-Forwarded-For from the right, skipping trusted hops", () => {
    const xff = { "x-forwarded-for": "192.0.2.66, 203.0.113.9, 10.1.2.3" };
    expect(clientAddress(h("127.0.0.1", xff), env("127.0.0.1, 10.0.0.0/8"))).toBe("203.0.113.9");
    expect(clientAddress(h("127.0.0.1", xff), env("127.0.0.1"))).toBe("10.1.2.3");
    expect(clientAddress(h("198.51.100.7", xff), env("127.0.0.1, 10.0.0.0/8"))).toBe("198.51.100.7");
    expect(clientAddress(h("::1", { "x-forwarded-for": "2001:db8::5" }), env("::1/128"))).toBe("2001:db8::5");
    // A trusted proxy with nothing forwarded is itself the client.
    expect(clientAddress(h("127.0.0.1"), env("127.0.0.1"))).toBe("127.0.0.1");
  });
  test("no peer (not served by scripts/server.ts) or a forged peer header: unknown", () => {
    expect(clientAddress(h(null, { "x-forwarded-for": "203.0.113.9" }), env())).toBe("unknown");
    expect(clientAddress(new Headers({ "x-algoperf-peer": "guess 203.0.113.9" }), env())).toBe("unknown");
    expect(clientAddress(h("203.0.113.9"), {})).toBe("unknown");
  });
  test("what a trusted proxy forwards that is not an address is one shared bucket, never an arbitrary string as a key", () => {
    expect(clientAddress(h("127.0.0.1", { "x-forwarded-for": "1.2.3.4, " + "x".repeat(5000) }), env("127.0.0.1"))).toBe("invalid");
    expect(clientAddress(h("127.0.0.1", { "x-forwarded-for": "1.2.3.4, <script>" }), env("127.0.0.1"))).toBe("invalid");
  });
  test("scripts/server.ts stamps every request with the header and secret this module reads", () => {
    const serve = readFileSync(path.resolve(__dirname, "../../../scripts/server.ts"), "utf8");
    // The constants it imports, used as this module reads them.
    expect(serve).toMatch(/import \{ PEER_HEADER, PEER_SECRET_ENV, trustedProxies \} from "@\/lib\/server\/client-address"/);
    expect(serve).toContain("req.headers[PEER_HEADER] = `${secret} ${req.socket.remoteAddress");
    expect(serve).toContain("process.env[PEER_SECRET_ENV] = secret");
    expect([PEER_HEADER, PEER_SECRET_ENV]).toEqual(["x-algoperf-peer", "ALGOPERF_PEER_SECRET"]);
  });
  test("a malformed TRUSTED_PROXIES entry is named", () => {
    expect(() => trustedProxies({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.example" })).toThrow(/"proxy.example" is not an IP address or CIDR range/);
    expect(() => trustedProxies({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/prefix longer than 32 bits/);
  });
});
