import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { fillTemplate, nonceOf, toTemplate } from "@/lib/server/page-cache/nonce-template";

const nonce = () => Buffer.from(randomUUID()).toString("base64");

describe("nonce template", () => {
  test("every occurrence of the render's nonce, in the body and the headers, gets the new one; nothing else changes", () => {
    const n = nonce();
    const html = `<html><script nonce="${n}">self.__next_f.push([1,"x"])</script><p>__NONCE__ nonce="abc"</p><script src="/a.js" nonce="${n}" async></script></html>`;
    const csp = `script-src 'self' 'nonce-${n}' 'strict-dynamic'`;
    const t = toTemplate(Buffer.from(html), { "content-security-policy": csp, "content-type": "text/html" }, n);
    expect(t.occurrences).toBe(2);
    const m = nonce();
    const out = fillTemplate(t, m);
    expect(out.body.toString()).toBe(html.split(n).join(m));
    expect(out.body.toString()).not.toContain(n);
    expect(out.body.toString()).toContain('<p>__NONCE__ nonce="abc"</p>');
    expect(out.headers["content-security-policy"]).toBe(`script-src 'self' 'nonce-${m}' 'strict-dynamic'`);
    expect(out.headers["content-type"]).toBe("text/html");
    expect(nonceOf(out.headers["content-security-policy"]!)).toBe(m);
  });

  test("two fills of one template share no nonce", () => {
    const n = nonce();
    const t = toTemplate(Buffer.from(`<script nonce="${n}"></script>`), {}, n);
    const a = fillTemplate(t, nonce()).body.toString();
    const b = fillTemplate(t, nonce()).body.toString();
    expect(a).not.toBe(b);
  });

  test("multi-byte text around the nonce survives the cut", () => {
    const n = nonce();
    const html = `ü€😀<script nonce="${n}"></script>😀€ü`;
    const out = fillTemplate(toTemplate(Buffer.from(html), {}, n), "x".repeat(20));
    expect(out.body.toString()).toBe(html.split(n).join("x".repeat(20)));
  });

  test("a short nonce is refused (it could occur in the page by chance)", () => {
    expect(() => toTemplate(Buffer.from("abc"), {}, "abc")).toThrow(/at least 16/);
  });
});
