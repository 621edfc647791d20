// Reading a round at a past version (docs/history.md): a request that names
// `?at=` runs inside `pinContext` (scripts/server.ts sets it), and db() then
// answers with a client whose connections read through the views of
// lib/db/history-sql.ts with that round and version set. Services need no
// change: they read "the database", which is the database of that version.
// The AsyncLocalStorage lives on globalThis because the server (run by tsx)
// and the Next.js bundle each load their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { dbTimeouts } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { PINNED_SCHEMA } from "./history-sql";

export interface Pin {
  round: string;
  roundId: number;
  version: number;
  /** When the version was written. */
  at: Date;
  /** The round's current version, when the request was pinned. */
  current: number;
  /** The request's `at` as written, and its path. */
  raw: string;
  path: string;
}

const KEY = Symbol.for("algoperf.pin-context");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<Pin> };
export const pinContext: AsyncLocalStorage<Pin> = (holder[KEY] ??= new AsyncLocalStorage<Pin>());

/** The version this request views, or undefined for the current data. */
export const currentPin = (): Pin | undefined => pinContext.getStore();

const CLIENTS_KEY = Symbol.for("algoperf.pinned-clients");
const clientHolder = globalThis as { [CLIENTS_KEY]?: LRUCache<string, PrismaClient> };

/** A few clients per process (each with at most 2 connections): a pinned view is rendered once, then cached. */
const clients = (clientHolder[CLIENTS_KEY] ??= new LRUCache<string, PrismaClient>({
  max: 8,
  // A query may still be running on an evicted client: close it a little later.
  dispose: (client) => void setTimeout(() => void client.$disconnect().catch(() => undefined), 60_000).unref(),
}));

/** The read-only client of `roundId` at `version` (a connection setting, so every query of a view sees the same version). */
export function pinnedDb(url: string, pin: { roundId: number; version: number }): PrismaClient {
  const key = `${pin.roundId}@${pin.version}`;
  let client = clients.get(key);
  if (!client) {
    const t = dbTimeouts();
    const adapter = new PrismaPg(
      {
        connectionString: url,
        max: 2,
        idleTimeoutMillis: 10_000,
        connectionTimeoutMillis: t.connectMs,
        query_timeout: t.queryMs,
        statement_timeout: t.statementMs,
        // Raw SQL names tables without a schema: the views come first on the search path.
        options: `-c search_path=${PINNED_SCHEMA},public -c algoperf.at_round=${pin.roundId} -c algoperf.at_version=${pin.version}`,
      },
      { schema: PINNED_SCHEMA },
    );
    client = new PrismaClient({ adapter });
    clients.set(key, client);
  }
  return client;
}
