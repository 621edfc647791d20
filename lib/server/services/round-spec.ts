// The round as an uploader sees it, behind tRPC `ingest.round` (the CLI reads
// it before sending runs).
import type { Db } from "@/lib/db/client";
import { throwUnknownRound } from "./round-slugs";

/** What an uploader needs to know about a round: its workloads, metrics, targets and budgets. */
export async function roundSpec(db: Db, slug: string) {
  const round = await db.round.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      benchmarkVersion: true,
      ruleset: true,
      timeBasis: true,
      budgetFactor: true,
      studiesExpected: true,
      trialsExpected: true,
      workloads: {
        orderBy: { position: "asc" },
        select: { key: true, role: true, baseKey: true, metricName: true, direction: true, target: true, budgetSeconds: true, budgetSteps: true },
      },
    },
  });
  if (!round) return throwUnknownRound(db, slug);
  return round;
}
