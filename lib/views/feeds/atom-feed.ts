// Atom feeds of what changed (docs/feeds-and-badges.md): one entry per
// version that changed a round's default view, saying what changed, linking
// to the changes page and to the view pinned at that version. Pure: the
// changes come from lib/server/services/history.ts (roundChanges); the XML,
// its escaping included, is feedsmith's.
import { generateAtomFeed } from "feedsmith";
import type { RoundChanges } from "@/lib/server/services/history";

/** The parts of history's RoundChanges an entry reports. */
export type FeedChange = Pick<RoundChanges, "from" | "to" | "toAt" | (typeof LISTS)[number] | "moves"> & {
  round: { slug: string; name: string };
  /** Decimals of a printed score in this round (lib/views/format.ts scoreDigits). */
  digits: number;
  versions: Pick<RoundChanges["versions"][number], "version" | "action" | "actor" | "runs">[];
};

const enc = encodeURIComponent;
export const roundFeedPath = (round: string) => `/rounds/${enc(round)}/feed.atom`;
export const siteFeedPath = "/feed.atom";
export const changesPath = (round: string, from?: number, to?: number) => `/rounds/${enc(round)}/changes${from === undefined ? "" : `?from=${from}&to=${to}`}`;
const pinnedPath = (round: string, version: number) => `/rounds/${enc(round)}?at=${version}`;

const LISTS = ["added", "removed", "hidden", "unhidden", "verified", "unverified"] as const;

/** Whether the change shows on the round's default view: a rank or score moved, or a submission came, went or changed state. */
export function changesDefaultView(c: FeedChange): boolean {
  return c.moves.length > 0 || LISTS.some((k) => c[k].length > 0);
}

const rank = (x: number | null) => (x === null ? "out" : `#${x}`);

function moveText(m: FeedChange["moves"][number], digits: number): string {
  const score = (x: number | null) => (x === null ? "–" : Number.isFinite(x) ? x.toFixed(digits) : String(x));
  if (m.rankBefore === null) return `${m.displayName} enters at ${rank(m.rankAfter)} (${score(m.scoreAfter)})`;
  if (m.rankAfter === null) return `${m.displayName} leaves the pool (was ${rank(m.rankBefore)}, ${score(m.scoreBefore)})`;
  return `${m.displayName} ${rank(m.rankBefore)} → ${rank(m.rankAfter)}, score ${score(m.scoreBefore)} → ${score(m.scoreAfter)}`;
}

/** The writes behind the change: "upload by alice (12 runs)". */
function writesText(c: FeedChange): string {
  return c.versions.map((v) => `${v.action}${v.actor ? ` by ${v.actor}` : ""}${v.runs ? ` (${v.runs} run${v.runs === 1 ? "" : "s"})` : ""}`).join("; ");
}

/** A one-line title and a plain-text summary of one change. */
export function changeText(c: FeedChange): { title: string; summary: string } {
  const counts = [
    c.moves.length ? `${c.moves.length} rank/score change${c.moves.length === 1 ? "" : "s"}` : "",
    ...LISTS.map((k) => (c[k].length ? `${c[k].length} ${k}` : "")),
  ].filter(Boolean);
  const lines = [
    `Version ${c.to} of ${c.round.name}${c.versions.length ? `: ${writesText(c)}` : ""}.`,
    ...LISTS.filter((k) => c[k].length).map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}: ${c[k].map((r) => r.displayName).join(", ")}.`),
    ...c.moves.map((m) => moveText(m, c.digits)),
  ];
  return { title: `${c.round.name} v${c.to}: ${counts.join(", ") || "no change to the default view"}`, summary: lines.join("\n") };
}

export interface FeedMeta {
  /** Absolute origin of the site, e.g. https://lb.example.org. */
  origin: string;
  /** The feed's own path (roundFeedPath or siteFeedPath). */
  self: string;
  title: string;
  /** The page the feed is about (the round's changes page, or the home page). */
  alternate: string;
  /** When the feed last changed if it has no entries. */
  updated: Date;
}

/** The feed as Atom XML: entries newest first. */
export function atomFeed(meta: FeedMeta, changes: FeedChange[]): string {
  const abs = (path: string) => `${meta.origin}${path}`;
  const entries = [...changes].sort((a, b) => b.toAt.getTime() - a.toAt.getTime() || a.round.slug.localeCompare(b.round.slug));
  return generateAtomFeed({
    id: abs(meta.self),
    title: { value: meta.title, type: "text" },
    updated: entries[0]?.toAt ?? meta.updated,
    generator: { text: "AlgoPerf Leaderboard" },
    authors: [{ name: "AlgoPerf Leaderboard" }],
    links: [
      { href: abs(meta.self), rel: "self", type: "application/atom+xml" },
      { href: abs(meta.alternate), rel: "alternate", type: "text/html" },
    ],
    entries: entries.map((c) => {
      const { title, summary } = changeText(c);
      return {
        // The pinned view is the version's permanent address: a stable, unique id.
        id: abs(pinnedPath(c.round.slug, c.to)),
        title: { value: title, type: "text" },
        updated: c.toAt,
        summary: { value: summary, type: "text" },
        links: [
          { href: abs(changesPath(c.round.slug, c.from, c.to)), rel: "alternate", type: "text/html", title: "What changed" },
          { href: abs(pinnedPath(c.round.slug, c.to)), rel: "related", type: "text/html", title: `The view at version ${c.to}` },
        ],
        categories: [{ term: c.round.slug, label: c.round.name }],
      };
    }),
  });
}
