// The Prisma client of the app: one per process, over the pg driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { dbTimeouts, type DbTimeouts } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { currentPin, pinnedDb } from "./pinned";

export type Db = PrismaClient;

/**
 * A client for `url`. With `timeouts`, every connection carries them (server
 * side: statement and idle-in-transaction limits; client side: connect and
 * query, which hold also when the server does not answer at all) and
 * interactive transactions default to them. Scripts (seed, CLI, migrations)
 * pass none: their long statements are expected.
 */
export function createDb(url: string, options: { max?: number; timeouts?: DbTimeouts } = {}): PrismaClient {
  const t = options.timeouts;
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.max ?? 10,
    ...(t
      ? {
          connectionTimeoutMillis: t.connectMs,
          query_timeout: t.queryMs,
          statement_timeout: t.statementMs,
          idle_in_transaction_session_timeout: t.idleInTransactionMs,
        }
      : {}),
  });
  return new PrismaClient({ adapter, ...(t ? { transactionOptions: { timeout: t.transactionMs, maxWait: t.transactionWaitMs } } : {}) });
}

const globalForDb = globalThis as unknown as { algoperfDb?: PrismaClient };

/**
 * The process-wide client for DATABASE_URL (kept across Next.js dev reloads),
 * with the configured timeouts; inside a request pinned to a past version
 * (`?at=`, lib/db/pinned.ts), the read-only client of that version.
 */
export function db(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a database.");
  const pin = currentPin();
  if (pin) return pinnedDb(url, pin);
  globalForDb.algoperfDb ??= createDb(url, { timeouts: dbTimeouts() });
  return globalForDb.algoperfDb;
}

/** The read-only client of a round at a past version (docs/history.md). */
export function dbAt(pin: { roundId: number; version: number }): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a database.");
  return pinnedDb(url, pin);
}
