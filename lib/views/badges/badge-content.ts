// The words and links of a submission badge: what each half says, its
// accessible sentence, the pinned view it links to, and the Markdown / HTML
// snippets that embed it (shown on the submission page).
import { escapeXml, type BadgeSpec } from "./badge-svg";

export interface BadgeFacts {
  round: { slug: string; name: string };
  slug: string;
  displayName: string | null;
  version: number;
  state: "ranked" | "unverified" | "hidden" | "not ranked";
  rank: number | null;
  poolSize: number | null;
  scoreText: string | null;
}

const enc = encodeURIComponent;

/** The badge's address (relative to the site). */
export const badgePath = (round: string, slug: string) => `/badges/${enc(round)}/${enc(slug)}.svg`;

/** The leaderboard pinned at `version` (the `?at=` of docs/history.md). */
export const pinnedRoundPath = (round: string, version: number) => `/rounds/${enc(round)}?at=${version}`;

const COLORS = { ranked: "#007ec6", unverified: "#dfb317", hidden: "#9f9f9f", "not ranked": "#9f9f9f" } as const;

export function badgeSpec(b: BadgeFacts): BadgeSpec {
  const message = b.state === "ranked" ? `#${b.rank} · ${b.scoreText}` : b.state;
  const who = b.displayName ?? b.slug;
  const title =
    b.state === "ranked"
      ? `${who}: rank ${b.rank} of ${b.poolSize}, score ${b.scoreText} in the default pool of ${b.round.name} (version ${b.version})`
      : `${who}: ${b.state} in ${b.round.name} (version ${b.version})`;
  return { label: `AlgoPerf ${b.round.slug}`, message, color: COLORS[b.state], title, href: pinnedRoundPath(b.round.slug, b.version) };
}

/** The badge for a slug that does not exist (served with 404, so an embed shows why). */
export function missingBadgeSpec(message: string): BadgeSpec {
  return { label: "AlgoPerf", message: "not found", color: "#e05d44", title: message, href: null };
}

/** Markdown and HTML that embed the badge, linking to the pinned view; `origin` makes them absolute. */
export function badgeSnippets(origin: string, b: BadgeFacts): { markdown: string; html: string } {
  const img = `${origin}${badgePath(b.round.slug, b.slug)}`;
  const link = `${origin}${pinnedRoundPath(b.round.slug, b.version)}`;
  const alt = `${b.displayName ?? b.slug} on the AlgoPerf Leaderboard (${b.round.name})`;
  // Markdown: brackets in the alt text would end it early; backslash-escape them.
  const mdAlt = alt.replace(/[\\[\]]/g, (c) => `\\${c}`);
  return {
    markdown: `[![${mdAlt}](${img})](${link})`,
    html: `<a href="${escapeXml(link)}"><img src="${escapeXml(img)}" alt="${escapeXml(alt)}"></a>`,
  };
}
