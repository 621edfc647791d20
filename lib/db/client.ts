// The Prisma client of the app: one per process, over the pg driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

export function createDb(url: string, options: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: options.max ?? 10 }) });
}

const globalForDb = globalThis as unknown as { algoperfDb?: PrismaClient };

/** The process-wide client for DATABASE_URL (kept across Next.js dev reloads). */
export function db(): PrismaClient {
  if (!globalForDb.algoperfDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a database.");
    globalForDb.algoperfDb = createDb(url);
  }
  return globalForDb.algoperfDb;
}
