// What the site has: rounds with their workloads and submissions.
import type { Db } from "@/lib/db/client";

export async function listRounds(db: Db) {
  const rounds = await db.round.findMany({
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    include: {
      workloads: { orderBy: { position: "asc" } },
      submissions: {
        where: { hidden: false },
        orderBy: [{ displayName: "asc" }],
        select: { slug: true, displayName: true, family: true, horizon: true, source: true, inDefaultPool: true, publishedScore: true },
      },
      _count: { select: { runs: true } },
    },
  });
  return rounds;
}
