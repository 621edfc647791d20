// Gzip of a cached page without compressing it per response
// (docs/page-cache.md "Conditional requests and caching headers"). Every
// response carries its own nonce, so its bytes differ; gzipping a 1.7 MB
// page per response cost 15–30 ms of CPU each and made compression the
// bottleneck of the big cached pages under load. Instead, each piece of the
// nonce template is compressed once, as raw DEFLATE ending in a sync flush
// (RFC 1951 §3.2: byte-aligned, not final, no reference into another
// piece); a response is those pieces with its nonce between them as stored
// blocks (RFC 1951 §3.2.4), an empty final block, and the gzip header and trailer
// (RFC 1952: CRC-32 and size of the whole document, computed per response).
import { promisify } from "node:util";
import { constants, crc32, deflateRaw } from "node:zlib";
import type { NonceTemplate } from "./nonce-template";

const deflateRawAsync = promisify(deflateRaw);

/** ID1 ID2, CM = deflate, no flags, no mtime, no extra flags, OS = unknown. */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
/** An empty stored block with BFINAL set: the end of the DEFLATE stream. */
const FINAL = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/** The body pieces of `template`, each compressed once (on libuv's thread pool). */
export function compressPieces(template: NonceTemplate): Promise<Buffer[]> {
  // An empty piece (a nonce at the start or two side by side) adds nothing; zlib would end the stream with a final block for it.
  return Promise.all(
    template.body.map((piece) => (piece.length === 0 ? Promise.resolve(Buffer.alloc(0)) : deflateRawAsync(piece, { finishFlush: constants.Z_SYNC_FLUSH }))),
  );
}

/** A non-final stored block holding `data` (at most 65,535 bytes), starting on a byte boundary. */
function storedBlock(data: Buffer): Buffer {
  if (data.length > 0xffff) throw new Error("a stored block holds at most 65535 bytes");
  const head = Buffer.from([0x00, data.length & 0xff, data.length >> 8, ~data.length & 0xff, (~data.length >> 8) & 0xff]);
  return Buffer.concat([head, data]);
}

/** The gzip of fillTemplate(template, nonce).body, from the pieces compressPieces made. */
export function gzipFilled(template: NonceTemplate, compressed: readonly Buffer[], nonce: string): Buffer {
  const glue = Buffer.from(nonce);
  const stored = storedBlock(glue);
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let size = 0;
  template.body.forEach((piece, i) => {
    if (i > 0) {
      out.push(stored);
      crc = crc32(glue, crc);
      size += glue.length;
    }
    out.push(compressed[i]!);
    crc = crc32(piece, crc);
    size += piece.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  out.push(FINAL, trailer);
  return Buffer.concat(out);
}
