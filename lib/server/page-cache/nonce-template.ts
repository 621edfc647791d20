// A rendered page kept as a template around its CSP nonce, so every response
// served from the cache carries a fresh nonce (docs/page-cache.md).
//
// The render's nonce is 128 random bits (proxy.ts), unknown to anyone before
// the render, so no data shown on the page can contain it: every occurrence in
// the document or its headers is one Next.js wrote (script nonce attributes,
// the CSP header). Splitting at those occurrences and joining with a new nonce
// puts the new nonce exactly there and nowhere else.

export interface NonceTemplate {
  /** The document cut at every occurrence of the render's nonce. */
  body: Buffer[];
  /** Header values, each cut the same way. */
  headers: Record<string, string[]>;
  /** How many times the nonce occurred in the body. */
  occurrences: number;
}

function splitBuffer(buffer: Buffer, needle: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = buffer.indexOf(needle, from); at !== -1; at = buffer.indexOf(needle, from)) {
    parts.push(buffer.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(buffer.subarray(from));
  return parts;
}

/** The template of a document rendered with `nonce` (at least 16 characters: a short one could occur by chance). */
export function toTemplate(body: Buffer, headers: Record<string, string>, nonce: string): NonceTemplate {
  if (nonce.length < 16) throw new Error("a render nonce must have at least 16 characters");
  const parts = splitBuffer(body, Buffer.from(nonce));
  return {
    body: parts.map((p) => Buffer.from(p)),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.split(nonce)])),
    occurrences: parts.length - 1,
  };
}

/** The document and headers of one response, with `nonce` wherever the render's nonce was. */
export function fillTemplate(template: NonceTemplate, nonce: string): { body: Buffer; headers: Record<string, string> } {
  const glue = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  template.body.forEach((part, i) => {
    if (i > 0) pieces.push(glue);
    pieces.push(part);
  });
  return {
    body: Buffer.concat(pieces),
    headers: Object.fromEntries(Object.entries(template.headers).map(([k, parts]) => [k, parts.join(nonce)])),
  };
}

/** The nonce of a Content-Security-Policy header value (`'nonce-…'` in script-src), or null. */
export function nonceOf(csp: string): string | null {
  return /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
}
