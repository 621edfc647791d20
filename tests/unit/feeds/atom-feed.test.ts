// The Atom feed builder: well-formed XML whatever the names, every required
// Atom element (RFC 4287 §4.1.1, §4.1.2), read back by an independent feed
// parser with the texts intact, and only versions that changed the default view.
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect, test } from "vitest";
import { atomFeed, changesDefaultView, type FeedChange } from "@/lib/views/feeds/atom-feed";

const HOSTILE = `<script>&"' ]]>`;
const none = { added: [], removed: [], hidden: [], unhidden: [], verified: [], unverified: [], moves: [] };

const change: FeedChange = {
  ...none,
  round: { slug: "r1", name: `Round ${HOSTILE}` },
  digits: 4,
  from: 3,
  to: 4,
  toAt: new Date("2026-11-29T10:00:00Z"),
  added: [{ slug: "x", displayName: HOSTILE }],
  moves: [
    { slug: "x", displayName: HOSTILE, rankBefore: null, rankAfter: 1, scoreBefore: null, scoreAfter: 0.75 },
    { slug: "y", displayName: "Y", rankBefore: 1, rankAfter: 2, scoreBefore: 0.5, scoreAfter: 0.25 },
  ],
  versions: [{ version: 4, action: "upload", actor: "alice", runs: 2 }],
};
const older: FeedChange = {
  ...change,
  ...none,
  from: 2,
  to: 3,
  toAt: new Date("2026-11-28T10:00:00Z"),
  hidden: [{ slug: "z", displayName: "Z" }],
  versions: [{ version: 3, action: "hide", actor: "admin", runs: 0 }],
};

const meta = {
  origin: "https://lb.example.org",
  self: "/rounds/r1/feed.atom",
  title: `Changes ${HOSTILE}`,
  alternate: "/rounds/r1/changes",
  updated: new Date(0),
};

test("well-formed Atom with every required element, newest entry first, texts read back intact", async () => {
  const xml = atomFeed(meta, [older, change]);
  expect(XMLValidator.validate(xml)).toBe(true);
  // Names are text: inside CDATA sections (feedsmith's escaping) or entity-escaped, never markup.
  expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")).not.toMatch(/<script|&(?!amp;|lt;|gt;|quot;|apos;)/);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).feed;
  expect(doc.xmlns).toBe("http://www.w3.org/2005/Atom");
  for (const el of ["id", "title", "updated", "author"]) expect(doc[el], el).toBeDefined();
  for (const e of doc.entry) for (const el of ["id", "title", "updated", "summary"]) expect(e[el], el).toBeDefined();

  const feed = parseFeed(xml);
  expect(feed.title).toBe(`Changes ${HOSTILE}`);
  expect(feed.items.map((i) => i.id)).toEqual(["https://lb.example.org/rounds/r1?at=4", "https://lb.example.org/rounds/r1?at=3"]);
  const [first] = feed.items;
  expect(first!.title).toBe(`Round ${HOSTILE} v4: 2 rank/score changes, 1 added`);
  expect(first!.url).toBe("https://lb.example.org/rounds/r1/changes?from=3&to=4");
  expect(first!.description).toContain(`Added: ${HOSTILE}.`);
  expect(first!.description).toContain(`${HOSTILE} enters at #1 (0.7500)`);
  expect(first!.description).toContain("Y #1 → #2, score 0.5000 → 0.2500");
  expect(first!.description).toContain("upload by alice (2 runs)");
  expect(new Date(feed.updated!).toISOString()).toBe("2026-11-29T10:00:00.000Z");
});

test("a version that changed nothing in the default view has no entry", () => {
  expect(changesDefaultView(change)).toBe(true);
  expect(changesDefaultView(older)).toBe(true);
  expect(changesDefaultView({ ...change, ...none })).toBe(false);
});
