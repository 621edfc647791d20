// README "Tokens": 256 random bits, stored as sha256 hashes, compared in
// constant time (timingSafeEqual); published data needs an admin token.
// The token comes from the operator CLI as an operator gets it; what is
// stored is read back from PostgreSQL; the comparison is observed on the
// token module itself, running against the same database.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, test, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { authenticate } from "@/lib/server/services/tokens";
import { withDb } from "../support/db";
import { createToken, post, unique, uploadRest } from "../support/ingest";

// The real node:crypto, with timingSafeEqual observed (it still compares).
const compared = vi.hoisted(() => ({ calls: [] as { a: Buffer; b: Buffer }[] }));
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.calls.push({ a: Buffer.from(a.buffer, a.byteOffset, a.byteLength), b: Buffer.from(b.buffer, b.byteOffset, b.byteLength) });
    return real.timingSafeEqual(a, b);
  };
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual };
});

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("token storage and comparison", () => {
  let name: string;
  let token: string;
  let db: Db;

  beforeAll(async () => {
    name = unique("stored");
    token = await createToken(name);
    db = createDb(inject("databaseUrl"), { max: 1 });
  });
  afterAll(() => db?.$disconnect());

  test("a token is apl_ + 256 random bits (43 base64url characters); the database holds sha256(token), never the token", async () => {
    expect(token).toMatch(/^apl_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), "base64url")).toHaveLength(32);
    const row = await withDb(async (c) => (await c.query(`SELECT prefix, hash FROM "ApiToken" WHERE name = $1`, [name])).rows[0]);
    expect(row.hash).toBe(sha256(token));
    expect(row.prefix).toBe(token.slice(0, 12));
    const anywhere = await withDb(async (c) =>
      Number((await c.query(`SELECT count(*)::int AS n FROM "ApiToken" x WHERE row_to_json(x)::text LIKE '%' || $1 || '%'`, [token.slice(12)])).rows[0].n),
    );
    expect(anywhere).toBe(0);
  });

  test("the presented token's sha256 is compared with the stored hash by timingSafeEqual, right or wrong", async () => {
    compared.calls.length = 0;
    expect(await authenticate(db, `Bearer ${token}`)).toMatchObject({ name, scope: "upload" });
    expect(compared.calls.map((c) => [c.a.toString("hex"), c.b.toString("hex")])).toEqual([[sha256(token), sha256(token)]]);

    compared.calls.length = 0;
    const wrong = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    await expect(authenticate(db, `Bearer ${wrong}`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Same prefix, so the row is found; the full hashes are compared in constant time, and differ.
    expect(compared.calls.map((c) => [c.a.toString("hex"), c.b.toString("hex")])).toEqual([[sha256(token), sha256(wrong)]]);
  });

  test("a token's last use is kept to the minute: set by its first request, rewritten once it is a minute old, not by every request", async () => {
    const other = await createToken(unique("last-use"));
    const lastUse = () =>
      withDb(async (c) => (await c.query(`SELECT "lastUsedAt" FROM "ApiToken" WHERE hash = $1`, [sha256(other)])).rows[0].lastUsedAt as Date | null);
    expect(await lastUse()).toBeNull();
    await authenticate(db, `Bearer ${other}`);
    const first = await lastUse();
    expect(first).toBeInstanceOf(Date);
    await authenticate(db, `Bearer ${other}`);
    expect(await lastUse()).toEqual(first);
    // A minute later (the stored time moved back), the next request writes it again.
    await withDb((c) => c.query(`UPDATE "ApiToken" SET "lastUsedAt" = "lastUsedAt" - interval '61 seconds' WHERE hash = $1`, [sha256(other)]));
    const old = await lastUse();
    await authenticate(db, `Bearer ${other}`);
    expect((await lastUse())!.getTime()).toBeGreaterThan(old!.getTime() + 60_000);
  });
});

describe("published data needs an admin token", () => {
  const ROUND = "algoperf-v0.6-external";
  let submission: string;
  let uploader: string;
  let admin: string;

  beforeAll(async () => {
    submission = await withDb(
      async (c) =>
        (await c.query(`SELECT s.slug FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 ORDER BY s.slug LIMIT 1`, [ROUND])).rows[0]
          .slug,
    );
    [uploader, admin] = await Promise.all([createToken(unique("pub-upload")), createToken(unique("pub-admin"), "admin")]);
  });

  const runsOf = () =>
    withDb(
      async (c) =>
        (
          await c.query(
            `SELECT x.id, x."timeSeconds" FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1 AND s.slug = $2 ORDER BY x.id`,
            [ROUND, submission],
          )
        ).rows,
    );
  const hidden = () =>
    withDb(
      async (c) =>
        (await c.query(`SELECT s.hidden FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND s.slug = $2`, [ROUND, submission]))
          .rows[0].hidden as boolean,
    );

  test("an upload token may neither add nor replace runs of a published submission, nor hide it (403, nothing changed); an admin token may", async () => {
    const before = await runsOf();
    const workload = await withDb(
      async (c) =>
        (await c.query(`SELECT w.key FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = $1 ORDER BY w.key LIMIT 1`, [ROUND])).rows[0].key,
    );
    const add = await uploadRest({ round: ROUND, runs: [{ submission, workload, study: 99, trial: 1, timeToTarget: { reached: false } }] }, uploader);
    expect(add.status, JSON.stringify(add.body)).toBe(403);
    const replace = await uploadRest(
      { round: ROUND, replace: true, runs: [{ submission, workload, study: 0, trial: 1, timeToTarget: { reached: true, seconds: 1 } }] },
      uploader,
    );
    expect(replace.status, JSON.stringify(replace.body)).toBe(403);
    expect((await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission }, { token: uploader })).status).toBe(403);
    expect(await runsOf()).toEqual(before);
    expect(await hidden()).toBe(false);

    // The admin token may (hiding and showing again, so the published data stays as loaded).
    expect((await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission }, { token: admin })).status).toBe(200);
    expect(await hidden()).toBe(true);
    expect((await post("/api/trpc/admin.hideSubmission", { round: ROUND, submission, hidden: false }, { token: admin })).status).toBe(200);
    expect(await hidden()).toBe(false);
  });
});
