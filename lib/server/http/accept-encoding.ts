// Content negotiation of the answer's encoding (encodedJsonResponse in
// lib/server/responses.ts gzips big answers itself, off the request loop).

/**
 * A route handler cannot set Content-Encoding or Content-Length: Next's
 * sendResponse drops both (a fetched body may have been decoded). Without
 * them Next's compression gzips every answer on the request loop: the bytes
 * the app gzipped itself a second time, and answers of a few bytes, whose
 * length it does not know, with a zlib stream each. The app names them in
 * these headers instead; scripts/server.ts turns them into the real ones as
 * Next sets them, so the compression passes gzipped bytes through ("already
 * encoded") and leaves answers under 1 KB alone.
 */
export const APP_FRAMING_HEADERS: Readonly<Record<string, string>> = {
  "x-algoperf-content-encoding": "content-encoding",
  "x-algoperf-content-length": "content-length",
};
export const ENCODED_HEADER = "x-algoperf-content-encoding";
export const LENGTH_HEADER = "x-algoperf-content-length";

/** gzip (or `*`) listed in Accept-Encoding with a quality above 0 (RFC 9110 §12.5.3). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of acceptEncoding.split(",")) {
    const [coding = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const quality = q ? Number(q.slice(2)) || 0 : 1;
    if (coding === "gzip" || coding === "x-gzip") gzip = quality;
    else if (coding === "*") any = quality;
  }
  return (gzip ?? any ?? 0) > 0;
}
