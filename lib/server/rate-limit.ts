// Write rate limits, counted in PostgreSQL so every app instance shares them:
// one fixed window per key (e.g. "token:<hash>", "ip:<address>"), incremented
// atomically with INSERT ... ON CONFLICT. Reads are not limited.
import type { Db } from "@/lib/db/client";
import { clientAddress } from "./client-address";
import { AppError } from "./errors";

export interface Limit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

function fromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/**
 * Defaults, overridable by environment (README, Security and reliability).
 * Read per request, so a test instance can be started with low limits.
 */
export const WRITE_LIMITS = {
  perToken: (): Limit => ({ limit: fromEnv("RATE_LIMIT_PER_TOKEN", 120), windowSeconds: fromEnv("RATE_LIMIT_WINDOW_SECONDS", 60) }),
  perIp: (): Limit => ({ limit: fromEnv("RATE_LIMIT_PER_IP", 300), windowSeconds: fromEnv("RATE_LIMIT_WINDOW_SECONDS", 60) }),
};

/**
 * Counts one request against `key`; throws AppError TOO_MANY_REQUESTS (429,
 * Retry-After = seconds to the next window) when the window is full.
 */
export async function consume(db: Db, key: string, { limit, windowSeconds }: Limit): Promise<void> {
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimit"."count" + 1
    RETURNING "count"`;
  // Old windows are useless; let roughly one request in a hundred sweep them.
  if (Math.random() < 0.01) await db.$executeRaw`DELETE FROM "RateLimit" WHERE "windowStart" < ${new Date(now - 3600_000)}`;
  if (rows[0]!.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now) / 1000));
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `rate limit: at most ${limit} write requests per ${windowSeconds} s for this ${key.split(":")[0]}; retry in ${retryAfter} s`,
      [],
      { "Retry-After": String(retryAfter) },
    );
  }
}

/**
 * The client address for per-IP limits and the audit log: the TCP peer, or
 * what trusted proxies forwarded (TRUSTED_PROXIES; lib/server/client-address.ts).
 * "unknown" when there is none; "invalid" when a trusted proxy forwarded
 * something that is not an IP address.
 */
export function clientIp(headers: Headers): string {
  return clientAddress(headers);
}
