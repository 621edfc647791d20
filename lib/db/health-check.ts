// The database check behind /api/health, on a connection of its own: the
// app's pool may be busy with uploads (a health check queued behind them
// would report a working database as down), and a database that hangs must
// be reported down within the deadline, not after the pool's timeouts.
import pg from "pg";

/** A database that does not answer `SELECT 1` within this time is reported down. */
export const HEALTH_DEADLINE_MS = 1_500;

const globalForHealth = globalThis as unknown as { algoperfHealthPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForHealth.algoperfHealthPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // A connection that timed out is dropped by pool.query (released with its error), so a hung server costs no stuck client.
    const p = new pg.Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: HEALTH_DEADLINE_MS,
      query_timeout: HEALTH_DEADLINE_MS,
      idleTimeoutMillis: 30_000,
    });
    p.on("error", () => undefined); // an idle connection that dies is replaced on the next check
    globalForHealth.algoperfHealthPool = p;
  }
  return globalForHealth.algoperfHealthPool;
}

/**
 * `promise`, or a rejection once `ms` have passed without an answer. The
 * deadline yields to pending I/O first (setImmediate after the timer), so a
 * busy event loop that delivers the answer late is not mistaken for a hang.
 */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    promise.then(resolve, reject);
    setTimeout(() => setImmediate(() => reject(new Error(`no answer within ${ms} ms (connection timeout)`))), ms).unref();
  });
}

/** Round-trip time of `SELECT 1` in milliseconds. @throws when the database does not answer within HEALTH_DEADLINE_MS. */
export async function pingDatabase(): Promise<number> {
  const started = performance.now();
  await withDeadline(pool().query("SELECT 1"), HEALTH_DEADLINE_MS);
  return performance.now() - started;
}
