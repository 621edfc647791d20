// API tokens: created by the operator (`npm run cli -- token create`), shown
// once, stored only as a sha256 hash, checked in constant time. Scopes:
// "upload" may upload runs; "admin" may also hide and delete submissions and
// replace anyone's runs.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { TokenScope } from "@/lib/db/generated/prisma/enums";
import { AppError } from "@/lib/server/errors";
import { audit } from "./audit";

export type { TokenScope };
export const TOKEN_SCOPES: readonly TokenScope[] = ["upload", "admin"];

/** Every token starts with this, so secret scanners and people can recognise one. */
const TOKEN_MARK = "apl_";
/** Stored in clear to find a token's row and to recognise it in `token list`; 8 random characters after the mark. */
const PREFIX_LENGTH = TOKEN_MARK.length + 8;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
/** Local operator commands act with the machine's database access, not a token. */
export const CLI_ACTOR = "(cli)";

export interface TokenIdentity {
  id: number;
  name: string;
  scope: TokenScope;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function createToken(db: Db, options: { name: string; scope: TokenScope }): Promise<{ token: string; identity: TokenIdentity; prefix: string }> {
  const { name, scope } = options;
  if (!NAME.test(name)) {
    throw new AppError("BAD_REQUEST", `invalid token name "${name}": 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit`, [
      { path: "name", message: "invalid name" },
    ]);
  }
  if (!TOKEN_SCOPES.includes(scope)) {
    throw new AppError("BAD_REQUEST", `invalid scope "${scope}"; scopes: ${TOKEN_SCOPES.join(", ")}`, [
      { path: "scope", message: `expected one of ${TOKEN_SCOPES.join(", ")}` },
    ]);
  }
  const existing = await db.apiToken.findUnique({ where: { name }, select: { revokedAt: true } });
  if (existing) {
    throw new AppError("CONFLICT", `a token named "${name}" already exists${existing.revokedAt ? " (revoked)" : ""}; names are never reused, choose another`, [
      { path: "name", message: "already exists" },
    ]);
  }
  const token = TOKEN_MARK + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, PREFIX_LENGTH);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name, scope, prefix, hash: hashToken(token) } });
    await audit(tx, { tokenName: CLI_ACTOR, action: "token.create", target: name, outcome: "ok", details: { scope } });
    return created;
  });
  return { token, prefix, identity: { id: row.id, name: row.name, scope: row.scope } };
}

export async function listTokens(db: Db) {
  return db.apiToken.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      name: true,
      prefix: true,
      scope: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      _count: { select: { uploads: true, submissions: true } },
    },
  });
}

export async function revokeToken(db: Db, name: string): Promise<void> {
  const row = await db.apiToken.findUnique({ where: { name } });
  if (!row) {
    const names = (await db.apiToken.findMany({ where: { revokedAt: null }, select: { name: true }, orderBy: { name: "asc" } })).map((t) => t.name);
    throw new AppError("NOT_FOUND", `no token named "${name}"; active tokens: ${names.join(", ") || "(none)"}`, [{ path: "name", message: "unknown token" }]);
  }
  if (row.revokedAt)
    throw new AppError("CONFLICT", `token "${name}" was already revoked at ${row.revokedAt.toISOString()}`, [{ path: "name", message: "already revoked" }]);
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await audit(tx, { tokenName: CLI_ACTOR, action: "token.revoke", target: name, outcome: "ok" });
  });
}

/** How stale a token's lastUsedAt may be before a request rewrites it. */
const LAST_USE_RESOLUTION_MS = 60_000;

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="algoperf-leaderboard"' };

/** A 401 about the Authorization header, with the Bearer challenge. */
function badAuthorization(message: string, reason: string): AppError {
  return new AppError("UNAUTHORIZED", message, [{ path: "Authorization", message: reason }], CHALLENGE);
}

/**
 * The token of an `Authorization: Bearer <token>` header, or a 401 AppError.
 * The row is found by the token's clear prefix and the hashes are compared
 * with timingSafeEqual, so response time does not depend on how much of a
 * guessed token is right.
 */
export async function authenticate(db: Db, authorization: string | null): Promise<TokenIdentity> {
  if (!authorization) throw badAuthorization("missing token: send the header Authorization: Bearer <token>", "missing");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw badAuthorization("malformed Authorization header: expected Authorization: Bearer <token>", "expected Bearer <token>");
  const token = match[1]!;
  const presented = Buffer.from(hashToken(token), "hex");
  const candidates = token.length > PREFIX_LENGTH ? await db.apiToken.findMany({ where: { prefix: token.slice(0, PREFIX_LENGTH) } }) : [];
  const row = candidates.find((c) => timingSafeEqual(Buffer.from(c.hash, "hex"), presented));
  if (!row) throw badAuthorization("invalid token in the Authorization header", "invalid token");
  if (row.revokedAt) throw badAuthorization(`the token in the Authorization header ("${row.name}") was revoked`, "revoked token");
  // The last use to the minute (`token list` shows minutes): a busy token's row is written once a minute, not
  // once per request (each write its own commit, before the request's own work).
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, name: row.name, scope: row.scope };
}

/** 403 unless the token has the scope ("admin" includes "upload"). */
export function requireScope(identity: TokenIdentity, scope: TokenScope, action: string): void {
  if (scope === "admin" && identity.scope !== "admin") {
    throw new AppError(
      "FORBIDDEN",
      `the token in the Authorization header ("${identity.name}") has scope "${identity.scope}"; ${action} needs an admin token`,
      [{ path: "Authorization", message: "admin scope required" }],
    );
  }
}
