// Gzip of a cached page from pieces compressed once (lib/server/page-cache/gzip-template.ts):
// what a response sends decompresses, with Node's own gunzip (CRC and size
// checked), to exactly the page filled with that response's nonce.
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { compressPieces, gzipFilled } from "@/lib/server/page-cache/gzip-template";
import { fillTemplate, toTemplate } from "@/lib/server/page-cache/nonce-template";

const NONCE = "MTIzNDU2NzgtYWJjZC0xMjM0LWFiY2QtMTIzNDU2Nzg5MDEy";

describe("gzip template", () => {
  test("every response decompresses to its own filled page, for nonces at the start, the end, side by side and none", async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `<tr><td>${i}</td><td>${(i * 0.37).toFixed(5)}</td></tr><script nonce="${NONCE}">x(${i})</script>`,
    ).join("");
    const bodies = [`${NONCE}<html>${rows}</html>${NONCE}${NONCE}`, "<p>no nonce</p>", "", NONCE];
    for (const text of bodies) {
      const template = toTemplate(Buffer.from(text), { "content-security-policy": `script-src 'nonce-${NONCE}'` }, NONCE);
      const pieces = await compressPieces(template);
      for (const nonce of ["ZmlsbGVkLW5vbmNlLW9uZS0xMjM0NTY3OA==", "c2Vjb25kLW5vbmNlLXR3by0xMjM0NTY3OA=="]) {
        const gz = gzipFilled(template, pieces, nonce);
        expect(gunzipSync(gz).equals(fillTemplate(template, nonce).body), `${text.slice(0, 20)}…`).toBe(true);
      }
    }
  });

  test("a 1.5 MB page still compresses well from its pieces (within 1.5x of gzipping it whole)", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<tr data-submission="s${i % 160}"><td class="num px-1 text-right">${(i / 7).toFixed(6)}</td></tr>${i % 500 === 0 ? `<script nonce="${NONCE}">self.__next_f.push([1,"${i}"])</script>` : ""}`,
    ).join("");
    const template = toTemplate(Buffer.from(rows), {}, NONCE);
    expect(template.occurrences).toBe(40);
    const gz = gzipFilled(template, await compressPieces(template), "b3RoZXItbm9uY2UtMTIzNDU2Nzg5MDEyMzQ1Njc4OTA=");
    const { gzipSync } = await import("node:zlib");
    expect(gz.length).toBeLessThan(1.5 * gzipSync(fillTemplate(template, "b3RoZXItbm9uY2UtMTIzNDU2Nzg5MDEyMzQ1Njc4OTA=").body).length);
  });
});
