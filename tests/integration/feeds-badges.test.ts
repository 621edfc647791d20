// Badges (/badges/<round>/<slug>.svg) and Atom feeds of a round, through HTTP
// against the real stack (docs/feeds-and-badges.md): the badge is valid SVG
// (parsed), escapes names, links to the view pinned at the version it shows,
// and is cacheable by version.
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb } from "@/lib/db/create-db";
import { createToken } from "@/lib/server/services/tokens";
import { createRound, dataVersion, dropRound, post, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-feeds");
const HOSTILE = `<script>&"'`;
const base = inject("baseUrl");
let admin: string;
let uploader: string;
/** The round's data version after each write of beforeAll. */
const at: Record<"upload" | "newcomer" | "hide", number> = { upload: 0, newcomer: 0, hide: 0 };

const runs = (submission: string, seconds: number) =>
  ["w1", "w2"].map((w) => ({ submission, workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds } }));

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The badge parsed as XML (attributes kept, entities decoded): throws unless it is well-formed. */
function parseSvg(text: string) {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`invalid SVG: ${JSON.stringify(valid)}`);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(text).svg;
}

beforeAll(async () => {
  // Tokens made by the token service on the test database (the CLI's `token create` does the same, after seconds of start-up).
  const db = createDb(inject("databaseUrl"), { max: 1 });
  try {
    admin = (await createToken(db, { name: unique("feeds-admin"), scope: "admin" })).token;
    uploader = (await createToken(db, { name: unique("feeds-uploader"), scope: "upload" })).token;
  } finally {
    await db.$disconnect();
  }
  await createRound({ slug: ROUND, workloads: [workload("w1"), workload("w2")], studiesExpected: 1 });
  const r = await uploadRest(
    {
      round: ROUND,
      submissions: [{ slug: "fast", displayName: HOSTILE }, { slug: "slow" }, { slug: "gone" }],
      runs: [...runs("fast", 100), ...runs("slow", 150), ...runs("gone", 120)],
    },
    admin,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  at.upload = await dataVersion(ROUND);
  const u = await uploadRest({ round: ROUND, submissions: [{ slug: "newcomer" }], runs: runs("newcomer", 90) }, uploader);
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  at.newcomer = await dataVersion(ROUND);
  // The admin action the CLI's `submission hide` sends (tRPC over HTTP; no CLI start-up in the test).
  const hide = await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission: "gone", hidden: true }, { token: admin });
  expect(hide.status, JSON.stringify(hide.body)).toBe(200);
  at.hide = await dataVersion(ROUND);
});

afterAll(async () => {
  await dropRound(ROUND);
});

describe("badges", () => {
  test("a ranked submission: valid SVG with its rank and score in the default pool, the hostile name escaped, linking to the pinned version", async () => {
    const version = await dataVersion(ROUND);
    const lb = JSON.parse((await get(`/api/v1/rounds/${ROUND}/leaderboard`)).text);
    const row = lb.rows.find((r: { slug: string }) => r.slug === "fast");
    const res = await get(`/badges/${ROUND}/fast.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.text).not.toContain("<script");
    const svg = parseSvg(res.text);
    expect(svg.role).toBe("img");
    expect(svg["aria-label"]).toBe(svg.title);
    expect(svg.title).toContain(HOSTILE);
    expect(svg.title).toContain(`rank ${row.rank} of ${lb.rows.length}`);
    expect(svg.a.href).toBe(`/rounds/${ROUND}?at=${version}`);
    // seconds basis: 4 decimals, as the leaderboard prints scores (docs/scoring.md §5.4)
    const texts = svg.a.g.text.map((t: { "#text": string }) => t["#text"]);
    expect(texts).toContain(`#${row.rank} · ${row.score.toFixed(4)}`);
  });

  test("a badge is cacheable by version: ETag, s-maxage, 304 on If-None-Match; a new version changes the ETag and the pinned link; ?at= gives the old badge", async () => {
    const first = await get(`/badges/${ROUND}/slow.svg`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+/);
    expect((await get(`/badges/${ROUND}/slow.svg`, { "if-none-match": etag })).status).toBe(304);
    const before = await dataVersion(ROUND);
    const r = await uploadRest({ round: ROUND, submissions: [{ slug: "slow" }], runs: runs("slow", 140), replace: true }, admin);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    expect(await dataVersion(ROUND)).toBeGreaterThan(before);
    const after = await get(`/badges/${ROUND}/slow.svg`, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(parseSvg(after.text).a.href).toBe(`/rounds/${ROUND}?at=${await dataVersion(ROUND)}`);
    // ?at= (history) gives the badge as it was: the same document as before the replacement.
    const pinned = await get(`/badges/${ROUND}/slow.svg?at=${before}`);
    expect(pinned.status).toBe(200);
    expect(pinned.text).toBe(first.text);
  });

  test.each([
    ["newcomer", "unverified"],
    ["gone", "hidden"],
  ])("%s: the badge says %s", async (slug, state) => {
    const res = await get(`/badges/${ROUND}/${slug}.svg`);
    expect(res.status).toBe(200);
    const svg = parseSvg(res.text);
    expect(svg.a.g.text.map((t: { "#text": string }) => t["#text"])).toContain(state);
  });

  test("unknown slug or round → 404: a 'not found' SVG, or JSON naming the field when asked", async () => {
    const svg = await get(`/badges/${ROUND}/nobody.svg`);
    expect(svg.status).toBe(404);
    expect(parseSvg(svg.text).title).toContain(`unknown submission "nobody"`);
    const json = await get(`/badges/${ROUND}/nobody.svg`, { accept: "application/json" });
    expect(json.status).toBe(404);
    expect(JSON.parse(json.text).error.issues[0].path).toBe("slug");
    const round = await get(`/badges/no-such-round/fast.svg`, { accept: "application/json" });
    expect(round.status).toBe(404);
    expect(JSON.parse(round.text).error.issues[0].path).toBe("round");
  });
});

/** The feed at `path`: well-formed XML (validated), read by an independent feed parser. */
async function feedAt(path: string) {
  const res = await get(path);
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
  const valid = XMLValidator.validate(res.text);
  if (valid !== true) throw new Error(`invalid Atom: ${JSON.stringify(valid)}`);
  return { feed: parseFeed(res.text), etag: res.headers.get("etag")! };
}

type Row = { slug: string; displayName: string; rank: number; score: number };
const leaderboard = async (): Promise<Row[]> => JSON.parse((await get(`/api/v1/rounds/${ROUND}/leaderboard`)).text).rows;

describe("Atom feeds", () => {
  test("the round's feed: one entry per version that changed the default view, with what changed and links to the changes and the pinned view", async () => {
    const before = await leaderboard();
    const v0 = await dataVersion(ROUND);
    const r = await uploadRest({ round: ROUND, submissions: [{ slug: "late", displayName: `Late ${HOSTILE}` }], runs: runs("late", 80) }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const v1 = await dataVersion(ROUND);
    const after = await leaderboard();
    const { feed } = await feedAt(`/rounds/${ROUND}/feed.atom`);
    const pinned = (v: number) => `${base}/rounds/${ROUND}?at=${v}`;
    const entry = (v: number) => feed.items.find((i) => i.id === pinned(v));

    // The newest entry is the upload just made: its moves are the differences of the two recorded leaderboards.
    const last = entry(v1)!;
    expect(last, feed.items.map((i) => i.id).join(", ")).toBeDefined();
    expect(feed.items[0]).toBe(last);
    expect(last.url).toBe(`${base}/rounds/${ROUND}/changes?from=${v0}&to=${v1}`);
    const old = new Map(before.map((row) => [row.slug, row]));
    const moved = after.filter((row) => old.get(row.slug)?.rank !== row.rank || old.get(row.slug)?.score !== row.score);
    expect(moved.length).toBeGreaterThan(1);
    for (const row of moved) {
      const was = old.get(row.slug);
      expect(last.description).toContain(
        was
          ? `${row.displayName} #${was.rank} → #${row.rank}, score ${was.score.toFixed(4)} → ${row.score.toFixed(4)}`
          : `${row.displayName} enters at #${row.rank} (${row.score.toFixed(4)})`,
      );
    }
    expect(last.title).toBe(`${ROUND} v${v1}: ${moved.length} rank/score changes, 1 added`);
    // Earlier versions: the unverified upload (added, outside the default pool) and the hide.
    expect(entry(at.newcomer)!.description).toContain("Added: newcomer.");
    expect(entry(at.hide)!.description).toContain("Hidden: gone.");
    expect(entry(at.hide)!.url).toBe(`${base}/rounds/${ROUND}/changes?from=${at.newcomer}&to=${at.hide}`);
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length);

    // Every entry says what the changes endpoint lists for its versions.
    type Ref = { displayName: string };
    for (const item of feed.items) {
      const link = new URL(item.url!);
      const changes = JSON.parse((await get(`/api/v1/rounds/${ROUND}/changes${link.search}`)).text);
      expect(item.id).toBe(pinned(changes.to));
      for (const kind of ["added", "removed", "hidden", "unhidden", "verified", "unverified"]) {
        const names = (changes[kind] as Ref[]).map((r) => r.displayName);
        if (names.length) expect(item.description).toContain(`${kind[0]!.toUpperCase()}${kind.slice(1)}: ${names.join(", ")}.`);
        else expect(item.description).not.toContain(`${kind[0]!.toUpperCase()}${kind.slice(1)}: `);
      }
      for (const m of changes.moves as (Ref & { rankAfter: number | null })[]) expect(item.description).toContain(m.displayName);
      expect(item.description!.split("\n").length).toBe(
        1 + ["added", "removed", "hidden", "unhidden", "verified", "unverified"].filter((k) => changes[k].length).length + changes.moves.length,
      );
    }
  });

  test("the site feed has the round's entries; feeds are cacheable by version; pages link their feeds in the head", async () => {
    const v = await dataVersion(ROUND);
    const round = await feedAt(`/rounds/${ROUND}/feed.atom`);
    const site = await feedAt("/feed.atom");
    expect(site.feed.items.map((i) => i.id)).toContain(`${base}/rounds/${ROUND}?at=${v}`);
    expect((await get(`/rounds/${ROUND}/feed.atom`, { "if-none-match": round.etag })).status).toBe(304);
    const page = (await get(`/rounds/${ROUND}`)).text;
    expect(page).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml" href="/rounds/${ROUND}/feed.atom"`));
    expect(page).toMatch(/<link rel="alternate" type="application\/atom\+xml" href="\/feed.atom"/);
    expect((await get("/rounds/no-such-round/feed.atom")).status).toBe(404);
  });
});
