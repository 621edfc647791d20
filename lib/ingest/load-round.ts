// Loads a whole round (published tables, leaderboards, or a dataset export) into
// the database. Idempotent: a round whose seed hash is unchanged is skipped; a
// changed one is brought up to date in one transaction (its published and
// imported submissions' runs are replaced; uploaded data is never touched).
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { describeRoundVersion } from "@/lib/db/round-version";
import { roundOptionalFields, type RoundSeed, type RunSeed } from "./round-seed";
import { refreshResults } from "./refresh-results";
import { runContentHash } from "./run-hash";

export function seedHash(seed: RoundSeed): string {
  return createHash("sha256").update(JSON.stringify(seed)).digest("hex");
}

export interface LoadResult {
  round: string;
  status: "loaded" | "unchanged";
  submissions: number;
  runs: number;
}

const json = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));

/** The insert row of a seeded run, with its content hash. */
function runRow(r: RunSeed, ids: { roundId: number; submissionId: number; workloadId: number }): Prisma.RunCreateManyInput {
  const { workload: _workload, hyperparameters, provenance, ...content } = r;
  const hash = runContentHash({ ...content, hyperparameters, provenance });
  return { ...content, hyperparameters: json(hyperparameters), provenance: json(provenance), ...ids, contentHash: hash };
}

export async function loadRound(db: Db, seed: RoundSeed, options: { force?: boolean } = {}): Promise<LoadResult> {
  const hash = seedHash(seed);
  const existing = await db.round.findUnique({ where: { slug: seed.slug }, select: { seedHash: true } });
  const runCount = seed.submissions.reduce((n, s) => n + s.runs.length, 0);
  if (existing?.seedHash === hash && !options.force) {
    return { round: seed.slug, status: "unchanged", submissions: seed.submissions.length, runs: runCount };
  }

  await db.$transaction(
    async (tx) => {
      const roundData = {
        name: seed.name,
        benchmarkVersion: seed.benchmarkVersion,
        ruleset: seed.ruleset,
        timeBasis: seed.timeBasis,
        description: seed.description,
        source: seed.source,
        position: seed.position,
        budgetFactor: seed.budgetFactor,
        studiesExpected: seed.studiesExpected,
        trialsExpected: seed.trialsExpected,
        ...roundOptionalFields(seed),
        seedHash: hash,
      };
      const round = await tx.round.upsert({
        where: { slug: seed.slug },
        create: { slug: seed.slug, ...roundData },
        update: { ...roundData, dataVersion: { increment: 1 } },
      });
      // The upsert moved (or created) the version first: the history triggers stamp what follows with it (docs/history.md).
      await describeRoundVersion(tx, round.id, round.dataVersion, { action: "seed", actor: null, target: seed.submissions.map((s) => s.slug), runs: runCount });

      const workloadIds = new Map<string, number>();
      for (const w of seed.workloads) {
        const { key, ...data } = w;
        const row = await tx.workload.upsert({
          where: { roundId_key: { roundId: round.id, key } },
          create: { roundId: round.id, key, ...data },
          update: data,
        });
        workloadIds.set(key, row.id);
      }

      const runs: Prisma.RunCreateManyInput[] = [];
      const submissionIds: number[] = [];
      for (const s of seed.submissions) {
        const { runs: seedRuns, slug, extra, ...data } = s;
        const fields = { ...data, extra: json(extra) };
        const sub = await tx.submission.upsert({
          where: { roundId_slug: { roundId: round.id, slug } },
          create: { roundId: round.id, slug, ...fields },
          update: fields,
        });
        submissionIds.push(sub.id);
        await tx.run.deleteMany({ where: { submissionId: sub.id } });
        for (const r of seedRuns) {
          const workloadId = workloadIds.get(r.workload);
          if (workloadId === undefined) throw new Error(`${seed.slug}/${slug}: run for unknown workload "${r.workload}"`);
          runs.push(runRow(r, { roundId: round.id, submissionId: sub.id, workloadId }));
        }
      }
      for (let i = 0; i < runs.length; i += 5000) await tx.run.createMany({ data: runs.slice(i, i + 5000) });
      await refreshResults(tx, submissionIds);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { round: seed.slug, status: "loaded", submissions: seed.submissions.length, runs: runCount };
}
