// A Prisma client for a database URL, over the pg driver adapter. Plain
// Node: the CLI, scripts and tests make their clients here. The web app's
// process-wide client is lib/db/client.ts (server-only).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { DbTimeouts } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { trackConnections } from "./tx-connection";

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
  // Our own pool, so that bulk statements can find their transaction's connection (./tx-connection.ts).
  const pool = new pg.Pool({
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
  const adapter = new PrismaPg(trackConnections(pool), { disposeExternalPool: true });
  return new PrismaClient({ adapter, ...(t ? { transactionOptions: { timeout: t.transactionMs, maxWait: t.transactionWaitMs } } : {}) });
}
