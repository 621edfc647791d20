// The rounds that exist, for the errors that name a round that does not: one
// query and one wording (lib/server/errors.ts unknownRound) for every service.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { unknownRound } from "@/lib/server/errors";

/** Every round's slug in listing order (position, then slug). */
export async function roundSlugs(db: Db | Prisma.TransactionClient): Promise<string[]> {
  return (await db.round.findMany({ select: { slug: true }, orderBy: [{ position: "asc" }, { slug: "asc" }] })).map((r) => r.slug);
}

/** @throws AppError NOT_FOUND naming `slug` and the rounds that exist; `path` is the field that named it. */
export async function throwUnknownRound(db: Db | Prisma.TransactionClient, slug: string, path = "round"): Promise<never> {
  throw unknownRound(slug, await roundSlugs(db), path);
}
