// The Prisma client of the app: one per process, over the pg driver adapter.
// Server-only, so that Next.js fails the build if a client component imports
// it (the `server-only` marker resolves to an empty module only under the
// react-server condition). Plain Node processes (the CLI, scripts, tests)
// import lib/db/create-db.ts instead, which carries no marker; this file's
// types are erased there (`import type { Db }`), so importing the type is fine anywhere.
import "server-only";
import { createDb, type Db } from "./create-db";
import { dbTimeouts } from "./config";
import type { PrismaClient } from "./generated/prisma/client";
import { currentPin, pinnedDb } from "./pinned";

export type { Db };

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
