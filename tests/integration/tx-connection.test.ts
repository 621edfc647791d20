// lib/db/tx-connection.ts: the connection the upload's bulk statements use is
// the interactive transaction's own, on the real database and the real driver
// adapter: same transaction id, its writes roll back with the transaction, and
// outside a tracked transaction there is none (callers then go through Prisma).
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { trackedTransaction, transactionConnection } from "@/lib/db/tx-connection";
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
});
