// The pg connection under a Prisma interactive transaction, for the few
// statements that move megabytes (an upload's runs and eval series,
// lib/server/services/upload.ts). Through Prisma, a raw statement's
// parameters are turned into JSON text and parsed back before node-postgres
// sends them (Buffers as base64 on the way): ~40 ms of CPU for the 3,700 runs
// of bench:upload-logs, ~8% of the web processes' share (docs/performance.md).
// On the transaction's own connection, node-postgres sends them as they are
// (a Buffer as a binary parameter), inside the same transaction.
//
// How the connection is found: createDb gives the adapter a pool whose
// connect() notes the client it hands out in the AsyncLocalStorage slot of
// the call that asked for it. `trackedTransaction(fn)` opens that slot around
// `db.$transaction(...)`; the adapter takes the transaction's connection from
// the pool inside it (@prisma/adapter-pg startTransaction), so the slot holds
// that connection. When it does not (another client, or another driver
// version), `transactionConnection()` is undefined and callers go through
// Prisma as before: slower, never wrong.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

interface Slot {
  client?: pg.PoolClient;
  /** Connections taken inside the slot: exactly one (the transaction's), or the slot is not trusted. */
  taken: number;
}

// On globalThis: the server (tsx) and the Next.js bundle each load their own copy of this module.
const KEY = Symbol.for("algoperf.tx-connection");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<Slot> };
const slots: AsyncLocalStorage<Slot> = (holder[KEY] ??= new AsyncLocalStorage<Slot>());

/** Makes `pool` note, in the caller's slot, the connection its connect() hands out. */
export function trackConnections(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return (connect as (...a: unknown[]) => unknown)(...args);
    const slot = slots.getStore();
    const conn = connect();
    if (!slot) return conn;
    return conn.then((client) => {
      slot.taken++;
      slot.client = client;
      return client;
    });
  }) as typeof pool.connect;
  return pool;
}

/** Runs `fn` (which opens one interactive transaction) with a slot for the transaction's connection. */
export function trackedTransaction<T>(fn: () => Promise<T>): Promise<T> {
  return slots.run({ taken: 0 }, fn);
}

/** The connection of the transaction `trackedTransaction` opened around this call, if it is known for sure. */
export function transactionConnection(): pg.PoolClient | undefined {
  const slot = slots.getStore();
  return slot?.taken === 1 ? slot.client : undefined;
}

/** One SQL statement and its parameters, for executeInOrder. */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

/**
 * Runs the statements in order, in the transaction, and gives each one's rows
 * (RETURNING). On the transaction's own connection when it is known, all
 * written at once in node-postgres' pipeline mode: PostgreSQL runs them back
 * to back, without waiting for this process to read each answer and send the
 * next (its event loop may be busy with another request: an upload held the
 * round's lock 176 ms, 86 of them between its statements; docs/performance.md).
 * Else one after the other through Prisma. Rejects with the first statement's
 * error (the ones after it then fail too, in the aborted transaction).
 */
export async function executeInOrder(
  tx: { $queryRawUnsafe<T = unknown>(sql: string, ...params: unknown[]): Promise<T> },
  statements: readonly SqlStatement[],
): Promise<unknown[][]> {
  const conn = transactionConnection();
  if (conn) return pipelined(conn, statements);
  const rows: unknown[][] = [];
  for (const s of statements) rows.push(await tx.$queryRawUnsafe<unknown[]>(s.sql, ...s.params));
  return rows;
}

/**
 * The statements written together on `conn` (idle: its transaction waits for
 * them). Pipeline mode is node-postgres' own (the client's `pipeline` flag,
 * each query with its Sync), switched on for this batch only, so every other
 * use of the pool's connections stays as it was; a node-postgres without it
 * ignores the flag and sends them one after the other.
 */
async function pipelined(conn: pg.PoolClient, statements: readonly SqlStatement[]): Promise<unknown[][]> {
  const client = conn as unknown as { pipeline: boolean };
  const before = client.pipeline;
  client.pipeline = true;
  let settled: PromiseSettledResult<pg.QueryResult>[];
  try {
    // Every promise is awaited, so none rejects unhandled; the first failure is the one reported.
    settled = await Promise.allSettled(statements.map((s) => conn.query(s.sql, s.params as unknown[])));
  } finally {
    client.pipeline = before;
  }
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<pg.QueryResult>).value.rows);
}
