// What a browser downloads as JavaScript on the first visit of a page: every
// <script src> of the server-rendered HTML except the `noModule` polyfills
// (which module-capable browsers skip), with its gzip size (the encoding
// `next start` serves). Bytes, not timings: safe to assert on.
import { gzipSync } from "node:zlib";

export interface FirstLoadJs {
  scripts: { src: string; bytes: number; gzip: number }[];
  totalBytes: number;
  totalGzip: number;
  /** Inline <script> bodies (the RSC payload that hydrates the page), gzip bytes. */
  inlineGzip: number;
}

export async function firstLoadJs(baseUrl: string, path: string): Promise<FirstLoadJs> {
  const res = await fetch(`${baseUrl}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  const html = await res.text();
  const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)];
  const srcs = [...new Set(tags.filter((m) => !/\snomodule/i.test(m[0])).map((m) => m[1]!.replace(/&amp;/g, "&")))];
  const scripts = await Promise.all(
    srcs.map(async (src) => {
      const r = await fetch(new URL(src, baseUrl));
      if (!r.ok) throw new Error(`GET ${src}: ${r.status}`);
      const body = Buffer.from(await r.arrayBuffer());
      return { src, bytes: body.length, gzip: gzipSync(body).length };
    }),
  );
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join("");
  return {
    scripts,
    totalBytes: scripts.reduce((n, s) => n + s.bytes, 0),
    totalGzip: scripts.reduce((n, s) => n + s.gzip, 0),
    inlineGzip: gzipSync(Buffer.from(inline)).length,
  };
}
