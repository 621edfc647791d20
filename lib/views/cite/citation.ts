// "Cite this view": a BibTeX entry and a CSL-JSON item for a view of a round
// at one data version (docs/feeds-and-badges.md). Pure: the page supplies the
// URL (with `at=<version>` pinned) and the access date.

export interface CitedView {
  round: { slug: string; name: string };
  version: number;
  /** When the version was written (ISO 8601). */
  versionDate: string;
  /** The pinned URL (absolute). */
  url: string;
  /** The day the reader looked (ISO 8601). */
  accessed: string;
}

/**
 * Permalink of the current address: `at` set to the version, every other
 * parameter kept in order. `?at=` pins the round the URL names (docs/history.md:
 * its path, or its `round` parameter), so a page that shows the default round
 * without naming it gets it named: the home page becomes /rounds/<round>, other
 * pages get `round=<round>`.
 */
export function pinnedUrl(href: string, version: number, round: string): string {
  const url = new URL(href);
  if (url.pathname === "/") url.pathname = `/rounds/${encodeURIComponent(round)}`;
  else if (!/^\/(?:rounds\/|analysis\/|paper(?:\/|$))/.test(url.pathname) && !url.searchParams.get("round")) url.searchParams.set("round", round);
  url.searchParams.set("at", String(version));
  url.hash = "";
  return url.toString();
}

const dateParts = (iso: string) => iso.slice(0, 10).split("-").map(Number);

/** BibTeX's special characters in a field value, escaped. */
function bibEscape(text: string): string {
  return text.replace(/[\\{}%&$#_^~]/g, (c) => (c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\^{}" : c === "~" ? "\\~{}" : `\\${c}`));
}

const title = (v: CitedView) => `AlgoPerf Leaderboard: ${v.round.name}, version ${v.version}`;

/** A citation key of letters, digits and dashes: algoperf-<round>-v<version>. */
export const citationKey = (v: CitedView) => `algoperf-${v.round.slug.replace(/[^A-Za-z0-9]+/g, "-")}-v${v.version}`;

export function bibtex(v: CitedView): string {
  const [year, month] = dateParts(v.versionDate);
  // pinnedUrl's URLs have no braces or backslashes (the path and query are percent-encoded), so \url{} takes them as they are.
  const url = v.url;
  return [
    `@misc{${citationKey(v)},`,
    `  title = {${bibEscape(title(v))}},`,
    `  author = {{AlgoPerf Leaderboard}},`,
    `  year = {${year}},`,
    `  month = {${month}},`,
    `  version = {${v.version}},`,
    `  url = {${url}},`,
    `  howpublished = {\\url{${url}}},`,
    `  note = {Round ${bibEscape(v.round.slug)}, data version ${v.version} of ${v.versionDate.slice(0, 10)}; accessed ${v.accessed.slice(0, 10)}},`,
    `  urldate = {${v.accessed.slice(0, 10)}}`,
    `}`,
  ].join("\n");
}

/** One CSL-JSON item (the array form citation managers import). */
export function cslJson(v: CitedView): string {
  return JSON.stringify(
    [
      {
        id: citationKey(v),
        type: "dataset",
        title: title(v),
        author: [{ literal: "AlgoPerf Leaderboard" }],
        publisher: "AlgoPerf Leaderboard",
        version: String(v.version),
        issued: { "date-parts": [dateParts(v.versionDate)] },
        accessed: { "date-parts": [dateParts(v.accessed)] },
        URL: v.url,
        note: `Round ${v.round.slug}, data version ${v.version}`,
      },
    ],
    null,
    2,
  );
}
