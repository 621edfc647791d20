// What changed from the previous benchmark version of the same ruleset, for
// the rules shown on a round's page (docs/hosting-a-round.md).
import "server-only";
import type { Db } from "@/lib/db/client";
import { previousRound, roundChanges, type ComparableRound } from "@/lib/rounds/round-diff";

export interface RoundChangesFromPrevious {
  previous: { slug: string; name: string; benchmarkVersion: string };
  changes: string[];
}

export async function changesFromPrevious(
  db: Db,
  current: Omit<ComparableRound, "workloads"> & { workloads: ComparableRound["workloads"] },
): Promise<RoundChangesFromPrevious | null> {
  const rounds = await db.round.findMany({
    where: { ruleset: current.ruleset as "external_tuning" | "self_tuning", benchmarkVersion: { not: current.benchmarkVersion } },
    select: {
      slug: true,
      name: true,
      benchmarkVersion: true,
      ruleset: true,
      budgetFactor: true,
      studiesExpected: true,
      trialsExpected: true,
      hardware: true,
      workloads: { select: { key: true, role: true, target: true, budgetSeconds: true } },
    },
    take: 200,
  });
  const prev = previousRound(rounds, current);
  if (!prev) return null;
  return { previous: { slug: prev.slug, name: prev.name, benchmarkVersion: prev.benchmarkVersion }, changes: roundChanges(prev, current) };
}
