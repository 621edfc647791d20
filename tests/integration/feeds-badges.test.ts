// Badges (/badges/<round>/<slug>.svg) and Atom feeds of a round, through HTTP
// against the real stack (docs/feeds-and-badges.md): the badge is valid SVG
// (parsed), escapes names, links to the view pinned at the version it shows,
// and is cacheable by version.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createRound, createToken, dataVersion, dropRound, post, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-feeds");
const HOSTILE = `<script>&"'`;
const base = inject("baseUrl");
let admin: string;
let uploader: string;

const runs = (submission: string, seconds: number) => ["w1", "w2"].map((w) => ({ submission, workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds } }));

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
  [admin, uploader] = await Promise.all([createToken(unique("feeds-admin"), "admin"), createToken(unique("feeds-uploader"))]);
  await createRound({ slug: ROUND, workloads: [workload("w1"), workload("w2")], studiesExpected: 1 });
  const r = await uploadRest({ round: ROUND, submissions: [{ slug: "fast", displayName: HOSTILE }, { slug: "slow" }, { slug: "gone" }], runs: [...runs("fast", 100), ...runs("slow", 150), ...runs("gone", 120)] }, admin);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const u = await uploadRest({ round: ROUND, submissions: [{ slug: "newcomer" }], runs: runs("newcomer", 90) }, uploader);
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  // The admin action the CLI's `submission hide` sends (tRPC over HTTP; no CLI start-up in the test).
  const hide = await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission: "gone", hidden: true }, { token: admin });
  expect(hide.status, JSON.stringify(hide.body)).toBe(200);
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

  test("a badge is cacheable by version: ETag, s-maxage, 304 on If-None-Match; a new version changes the ETag and the pinned link", async () => {
    const first = await get(`/badges/${ROUND}/slow.svg`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+/);
    expect((await get(`/badges/${ROUND}/slow.svg`, { "if-none-match": etag })).status).toBe(304);
    const before = await dataVersion(ROUND);
    const r = await uploadRest({ round: ROUND, submissions: [{ slug: "slow" }], runs: runs("slow", 140), replace: true }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await dataVersion(ROUND)).toBeGreaterThan(before);
    const after = await get(`/badges/${ROUND}/slow.svg`, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(parseSvg(after.text).a.href).toBe(`/rounds/${ROUND}?at=${await dataVersion(ROUND)}`);
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
