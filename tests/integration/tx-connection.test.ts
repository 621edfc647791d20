// lib/db/tx-connection.ts: the connection the upload's bulk statements use is
// the interactive transaction's own, on the real database and the real driver
// adapter: same transaction id, its writes roll back with the transaction, and
// outside a tracked transaction there is none (callers then go through Prisma).
// executeInOrder writes its statements there at once (node-postgres' pipeline
// mode): PostgreSQL runs them back to back while this process is busy, a
// failure stops the batch, and the connection is back to normal after.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { executeInOrder, trackedTransaction, transactionConnection } from "@/lib/db/tx-connection";
import { withDb } from "../support/db";

class Rollback extends Error {}

describe("a tracked transaction's connection", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(inject("databaseUrl"), { max: 3 });
  });
  afterAll(() => db?.$disconnect());

  test("is the transaction's: the same transaction id, and what it writes rolls back with the transaction", async () => {
    const key = `tx-connection-${process.pid}-${Date.now()}`;
    await expect(
      trackedTransaction(() =>
        db.$transaction(async (tx) => {
          const conn = transactionConnection();
          expect(conn).toBeDefined();
          const viaPrisma = (await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT txid_current()::text AS id`))[0]!.id;
          const viaConn = (await conn!.query(`SELECT txid_current()::text AS id`)).rows[0].id;
          expect(viaConn).toBe(viaPrisma);
          await conn!.query(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, now(), 1)`, [key]);
          // Prisma sees the row the connection wrote: one transaction.
          const n = (await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "RateLimit" WHERE key = $1`, key))[0]!.n;
          expect(n).toBe(1);
          throw new Rollback();
        }),
      ),
    ).rejects.toBeInstanceOf(Rollback);
    const left = await withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "RateLimit" WHERE key = $1`, [key])).rows[0].n);
    expect(left).toBe(0);
  });

  test("is unknown outside a tracked transaction, and inside an untracked one", async () => {
    expect(transactionConnection()).toBeUndefined();
    await db.$transaction(async () => {
      expect(transactionConnection()).toBeUndefined();
    });
    // Queries outside the transaction but inside the slot do not count as its connection.
    await trackedTransaction(async () => {
      await db.$queryRawUnsafe(`SELECT 1`);
      expect(transactionConnection()).toBeUndefined();
    });
  });

  test("two tracked transactions at once each get their own connection", async () => {
    const ids = await Promise.all(
      [0, 1].map(() =>
        trackedTransaction(() =>
          db.$transaction(async (tx) => {
            const conn = transactionConnection()!;
            const viaConn = (await conn.query(`SELECT txid_current()::text AS id, pg_sleep(0.05)`)).rows[0].id as string;
            const id = (await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT txid_current()::text AS id`))[0]!.id;
            expect(viaConn).toBe(id);
            return id;
          }),
        ),
      ),
    );
    expect(ids[0]).not.toBe(ids[1]);
  });

  test("executeInOrder: the statements go out at once, PostgreSQL runs them while this process is busy, and each gives its rows", async () => {
    const rows = await trackedTransaction(() =>
      db.$transaction(async (tx) => {
        const sent = executeInOrder(tx, [
          { sql: `SELECT clock_timestamp() AS t, pg_sleep(0.05)`, params: [] },
          { sql: `SELECT clock_timestamp() AS t, $1::int + 1 AS n`, params: [41] },
        ]);
        // This process does nothing for 1 s: one statement at a time, the second would start after that.
        const until = Date.now() + 1000;
        while (Date.now() < until);
        const got = await sent;
        // Prisma goes on in the same transaction: the connection is back to one statement at a time.
        expect((await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT 2 AS n`))[0]!.n).toBe(2);
        return got;
      }),
    );
    const [first, second] = rows as [{ t: Date }[], { t: Date; n: number }[]];
    expect(second[0]!.n).toBe(42);
    expect(second[0]!.t.getTime() - first[0]!.t.getTime()).toBeLessThan(800);
  });

  test("executeInOrder: a failing statement rejects the batch with its error, nothing after it is written, and the pool's connections work on", async () => {
    const key = `tx-batch-${process.pid}-${Date.now()}`;
    const insert = (suffix: string) => ({ sql: `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, now(), 1)`, params: [`${key}-${suffix}`] });
    await expect(
      trackedTransaction(() => db.$transaction(async (tx) => executeInOrder(tx, [insert("a"), { sql: `SELECT 1 / 0`, params: [] }, insert("b")]))),
    ).rejects.toThrow(/division by zero/);
    const left = await withDb(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "RateLimit" WHERE key LIKE $1`, [`${key}-%`])).rows[0].n);
    expect(left).toBe(0);
    // Every connection of the pool (max 3) still answers one query after another, in and out of transactions.
    const answers = await Promise.all(
      [1, 2, 3, 4].map((k) =>
        trackedTransaction(() => db.$transaction(async (tx) => (await executeInOrder(tx, [{ sql: `SELECT $1::int AS k`, params: [k] }]))[0])),
      ),
    );
    expect(answers).toEqual([[{ k: 1 }], [{ k: 2 }], [{ k: 3 }], [{ k: 4 }]]);
    expect((await db.$queryRawUnsafe<{ n: number }[]>(`SELECT 3 AS n`))[0]!.n).toBe(3);
  });

  test("executeInOrder outside a tracked transaction: through Prisma, one after the other, with the same rows", async () => {
    const rows = await db.$transaction(async (tx) =>
      executeInOrder(tx, [
        { sql: `SELECT 1 AS a`, params: [] },
        { sql: `SELECT $1::int + 1 AS b`, params: [1] },
      ]),
    );
    expect(rows).toEqual([[{ a: 1 }], [{ b: 2 }]]);
  });
});
