// A shields.io-like badge as a small standalone SVG: a grey label half and a
// coloured message half, an accessible name (role="img", aria-label, <title>)
// and, when opened directly, a link to the pinned view it reports. Every text
// is XML-escaped: submission and round names come from uploads.

export interface BadgeSpec {
  label: string;
  message: string;
  /** Fill of the message half (#rrggbb). */
  color: string;
  /** The accessible name: a sentence saying what the badge shows. */
  title: string;
  /** Where the badge points (the pinned view), or null. */
  href: string | null;
}

/** XML text and attribute escaping (all five predefined entities). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

// Approximate advance widths of 11px Verdana (the shields.io font): narrow,
// wide and the rest. Enough to size the halves without a font file.
const NARROW = new Set("ijlI.,:;|!'()[]{} ft1".split(""));
const WIDE = new Set("mwMW@%#".split(""));

export function textWidth(text: string): number {
  let w = 0;
  for (const c of text) w += NARROW.has(c) ? 4 : WIDE.has(c) ? 10 : c >= "A" && c <= "Z" ? 7.5 : 6.5;
  return Math.ceil(w);
}

const PAD = 6;
const HEIGHT = 20;

/** The badge as an SVG document (UTF-8, no external resources). */
export function badgeSvg(spec: BadgeSpec): string {
  const lw = textWidth(spec.label) + 2 * PAD;
  const mw = textWidth(spec.message) + 2 * PAD;
  const width = lw + mw;
  const title = escapeXml(spec.title);
  const text = (x: number, s: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(s)}</text><text x="${x}" y="14">${escapeXml(s)}</text>`;
  const body = [
    `<rect width="${lw}" height="${HEIGHT}" fill="#555"/>`,
    `<rect x="${lw}" width="${mw}" height="${HEIGHT}" fill="${/^#[0-9a-f]{6}$/i.test(spec.color) ? spec.color : "#9f9f9f"}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    text(lw / 2, spec.label),
    text(lw + mw / 2, spec.message),
    `</g>`,
  ].join("");
  const linked = spec.href ? `<a href="${escapeXml(spec.href)}">${body}</a>` : body;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${title}">` +
    `<title>${title}</title>${linked}</svg>`
  );
}
