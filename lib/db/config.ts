// Runtime configuration from the environment, in one place (documented in README.md).
import path from "node:path";

export interface DbConfig {
  /** External PostgreSQL; when unset an embedded server is started. */
  databaseUrl: string | undefined;
  /** Folder for the embedded cluster and other local state (git-ignored). */
  dataDir: string;
  embeddedPort: number;
  embeddedDatabase: string;
}

type Env = Record<string, string | undefined>;

function intFromEnv(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return value;
}

export function dbConfig(env: Env = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    // The web server never reads this folder (only scripts/start.ts and the CLI
    // start PostgreSQL in it): keep Turbopack from tracing the whole project
    // into the build because of a path it cannot resolve statically.
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.ALGOPERF_DATA_DIR || ".data"),
    embeddedPort: intFromEnv(env, "EMBEDDED_PG_PORT", 54329),
    embeddedDatabase: "algoperf",
  };
}

export function appPort(): number {
  return intFromEnv(process.env, "PORT", 3000);
}

/** Time limits of the app's database work, in milliseconds (README, Security and reliability). */
export interface DbTimeouts {
  /** Opening a connection (pg connectionTimeoutMillis): a database that does not answer fails fast. */
  connectMs: number;
  /** Any one statement, lock waits included (PostgreSQL statement_timeout). */
  statementMs: number;
  /**
   * Any one query as the client sees it (pg query_timeout): the backstop for a
   * server that does not answer at all (hung, stopped with SIGSTOP), where the
   * server-side statement_timeout cannot fire. Default: statementMs + 5 s.
   */
  queryMs: number;
  /** A transaction left open without a statement (idle_in_transaction_session_timeout): frees its locks. */
  idleInTransactionMs: number;
  /** A whole interactive transaction, e.g. one upload batch (Prisma transaction timeout). */
  transactionMs: number;
  /** Waiting for a pooled connection to start a transaction (Prisma maxWait). */
  transactionWaitMs: number;
}

function msFromEnv(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`);
  return value;
}

export function dbTimeouts(env: Env = process.env): DbTimeouts {
  const statementMs = msFromEnv(env, "DB_STATEMENT_TIMEOUT_MS", 60_000);
  return {
    connectMs: msFromEnv(env, "DB_CONNECT_TIMEOUT_MS", 5_000),
    statementMs,
    queryMs: msFromEnv(env, "DB_QUERY_TIMEOUT_MS", statementMs + 5_000),
    idleInTransactionMs: msFromEnv(env, "DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", 60_000),
    // Large batches (10,000 runs with eval series) and queues of concurrent uploads.
    transactionMs: msFromEnv(env, "DB_TRANSACTION_TIMEOUT_MS", 180_000),
    transactionWaitMs: msFromEnv(env, "DB_TRANSACTION_MAX_WAIT_MS", 120_000),
  };
}

/** Options for Prisma's interactive transactions under the configured limits. */
export function transactionLimits(env: Env = process.env): { timeout: number; maxWait: number } {
  const t = dbTimeouts(env);
  return { timeout: t.transactionMs, maxWait: t.transactionWaitMs };
}
