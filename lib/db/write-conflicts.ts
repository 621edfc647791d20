// Retrying a transaction that lost a race to a concurrent one. Not the CLI's
// withRetry (ingest/client.ts), which resends a request over the network.
import { Prisma } from "@/lib/db/generated/prisma/client";

function isWriteConflict(error: unknown): boolean {
  // P2002: unique violation (a concurrent upload won a race); P2034: write conflict or deadlock.
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002" || error.code === "P2034";
  // The same from node-postgres, by SQLSTATE (bulk statements on a transaction's own connection, lib/db/tx-connection.ts):
  // unique violation, serialization failure, deadlock.
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (sqlState === "23505" || sqlState === "40001" || sqlState === "40P01") return true;
  return error instanceof Error && /deadlock detected|could not serialize/i.test(error.message);
}

/** Runs fn again (up to `attempts` times, with a short jittered pause) while it fails with a write conflict. */
export async function retryOnWriteConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isWriteConflict(error)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}
