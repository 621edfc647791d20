// What the site has: rounds with their workloads and submissions.
import { LRUCache } from "lru-cache";
import type { Db } from "@/lib/db/client";
import type { WorkloadSeed } from "@/lib/ingest/round-seed";
import type { Integration, Scale, TimeBasis } from "@/lib/scoring";
import { cached, roundVersions, siteVersion } from "@/lib/server/cache";
import { AppError } from "@/lib/server/errors";
import { DESCRIPTION_FIELDS, selectOf, type SubmissionListing } from "@/lib/submission-fields";
import { pickRounds } from "@/lib/views/round-picker";
import { throwUnknownRound } from "./round-slugs";

/**
 * Rounds (all, or those of `slugs`) with their workloads, visible submissions
 * and run count; cached until any round changes.
 */
export async function listRounds(db: Db, slugs?: readonly string[]) {
  return cached(`rounds|${slugs ? slugs.join(",") : "*"}|${await siteVersion(db)}`, () => readRounds(db, slugs));
}

async function readRounds(db: Db, slugs?: readonly string[]) {
  const rounds = await db.round.findMany({
    where: slugs ? { slug: { in: [...slugs] } } : undefined,
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    include: {
      workloads: { orderBy: { position: "asc" } },
      submissions: {
        where: { hidden: false },
        orderBy: [{ displayName: "asc" }],
        select: { slug: true, displayName: true, family: true, horizon: true, source: true, inDefaultPool: true, verified: true, publishedScore: true },
      },
    },
  });
  const runs = await runCounts(db, rounds);
  return rounds.map((r) => ({ ...r, _count: { runs: runs.get(r.id)! } }));
}

const runCountCache = new LRUCache<string, number>({ max: 10_000 });

/**
 * Runs per round, counted once per data version of the round (counting every
 * round's runs takes ~0.3 s at 1M runs): after an upload only that round is
 * counted again, with an index-only scan of its runs.
 */
async function runCounts(db: Db, rounds: { id: number; dataVersion: number }[]): Promise<Map<number, number>> {
  const key = (r: { id: number; dataVersion: number }) => `${r.id}@${r.dataVersion}`;
  const out = new Map<number, number>();
  const missing: number[] = [];
  for (const r of rounds) {
    const n = runCountCache.get(key(r));
    if (n === undefined) missing.push(r.id);
    else out.set(r.id, n);
  }
  if (missing.length) {
    const rows = await db.$queryRaw<{ roundId: number; runs: number }[]>`
      SELECT "roundId", count(*)::int AS runs FROM "Run" WHERE "roundId" = ANY(${missing}) GROUP BY "roundId"`;
    const counted = new Map(rows.map((r) => [r.roundId, r.runs]));
    for (const r of rounds.filter((x) => !out.has(x.id))) {
      out.set(r.id, counted.get(r.id) ?? 0);
      runCountCache.set(key(r), counted.get(r.id) ?? 0);
    }
  }
  return out;
}

export interface RoundSummary {
  slug: string;
  name: string;
  benchmarkVersion: string;
  ruleset: string;
  timeBasis: TimeBasis;
  submissions: number;
  defaultPool: number;
}

export interface RoundIndexEntry extends RoundSummary {
  /** A round the site ships with (loaded from data/published): always in the picker. */
  featured: boolean;
  updatedAt: Date;
}

/** Every round's row and counts in site order, for both lists below: counted by PostgreSQL, cached until any round changes. */
async function roundRows(db: Db) {
  return cached(
    `round-rows|${await siteVersion(db)}`,
    () => db.$queryRaw<(RoundIndexEntry & { verifiedPool: number })[]>`
      SELECT r.slug, r.name, r."benchmarkVersion", r.ruleset::text AS ruleset, r."timeBasis"::text AS "timeBasis",
             count(s.id) FILTER (WHERE NOT s.hidden)::int AS submissions,
             count(s.id) FILTER (WHERE NOT s.hidden AND s."inDefaultPool")::int AS "defaultPool",
             count(s.id) FILTER (WHERE NOT s.hidden AND s."inDefaultPool" AND s.verified)::int AS "verifiedPool",
             (r."seedHash" IS NOT NULL) AS featured, r."updatedAt"
        FROM "Round" r LEFT JOIN "Submission" s ON s."roundId" = r.id
       -- Every column named: a view pinned at a past version (docs/history.md) has no primary key to group by.
       GROUP BY r.id, r.slug, r.name, r."benchmarkVersion", r.ruleset, r."timeBasis", r.position, r."seedHash", r."updatedAt"
       ORDER BY r.position, r.slug`,
  );
}

/** Every round with its submission counts (the default pool: its verified members), in site order (the home page, GET /api/v1/rounds). */
export async function roundSummaries(db: Db): Promise<RoundSummary[]> {
  return (await roundRows(db)).map(({ featured: _f, updatedAt: _u, defaultPool: _d, verifiedPool, ...summary }) => ({ ...summary, defaultPool: verifiedPool }));
}

/**
 * Every round with its submission counts (the default pool: every member it
 * declares), whether it is featured and when it last changed, in site order:
 * the source of the round picker and the /rounds list.
 */
export async function roundIndex(db: Db): Promise<RoundIndexEntry[]> {
  return (await roundRows(db)).map(({ verifiedPool: _, ...entry }) => entry);
}

/** The round picker's rounds: a bounded set (lib/views/round-picker.ts), and how many rounds there are in all. */
export interface PickerRounds {
  shown: RoundSummary[];
  total: number;
}

export async function pickerRounds(db: Db, current?: string): Promise<PickerRounds> {
  const all = await roundIndex(db);
  return { shown: pickRounds(all, current).map(({ featured: _f, updatedAt: _u, ...summary }) => summary), total: all.length };
}

/** The round shown at `/`: the first round (by position) that has submissions. */
export async function defaultRoundSlug(db: Db): Promise<string> {
  const round =
    (await db.round.findFirst({
      where: { submissions: { some: { hidden: false } } },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: { slug: true },
    })) ?? (await db.round.findFirst({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { slug: true } }));
  if (!round) throw new AppError("NOT_FOUND", "no rounds are loaded: run `npm run db:seed`");
  return round.slug;
}

/** A workload as pages and services see it: what the round was loaded with, in the round's order. */
export type WorkloadInfo = Omit<WorkloadSeed, "position">;

export interface CatalogSubmission extends SubmissionListing {
  id: number;
  source: "published" | "imported" | "uploaded";
  /** In the round's default pool: marked so and verified (docs/trust-model.md). */
  inDefaultPool: boolean;
  /** false: uploaded and not yet checked by an admin; outside the default pool, a reader may add it. */
  verified: boolean;
}

export interface RoundCatalog {
  round: {
    id: number;
    slug: string;
    name: string;
    description: string;
    benchmarkVersion: string;
    ruleset: "external_tuning" | "self_tuning";
    timeBasis: TimeBasis;
    source: string | null;
    budgetFactor: number;
    studiesExpected: number;
    trialsExpected: number;
    /** Holds published results: closed to upload tokens (docs/trust-model.md). */
    published: boolean;
    /** Reference hardware class, targets file, open/close dates (docs/hosting-a-round.md). */
    hardware: string | null;
    targetsSource: string | null;
    opensAt: string | null;
    closesAt: string | null;
    dataVersion: number;
    defaults: { tauMin: number; tauMax: number; points: number; scale: Scale; integration: Integration };
  };
  /** Every workload in round order: base workloads first as loaded, then variants. */
  workloads: WorkloadInfo[];
  /** Visible submissions in listing (slug) order, the order scoreRound lists a pool in. */
  submissions: CatalogSubmission[];
}

/** A round with its workloads and visible submissions, cached per data version. */
export async function roundCatalog(db: Db, slug: string): Promise<RoundCatalog> {
  const version = (await roundVersions(db, [slug])).get(slug);
  if (version === undefined) return throwUnknownRound(db, slug);
  return cached(`catalog|${slug}@${version}`, async () => {
    const r = await db.round.findUnique({
      where: { slug },
      include: {
        workloads: { orderBy: { position: "asc" } },
        submissions: {
          where: { hidden: false },
          orderBy: { slug: "asc" },
          select: { id: true, slug: true, ...selectOf(DESCRIPTION_FIELDS), source: true, inDefaultPool: true, verified: true, publishedScore: true },
        },
      },
    });
    if (!r) return throwUnknownRound(db, slug);
    return {
      round: {
        id: r.id,
        slug: r.slug,
        name: r.name,
        description: r.description,
        benchmarkVersion: r.benchmarkVersion,
        ruleset: r.ruleset,
        timeBasis: r.timeBasis,
        source: r.source,
        budgetFactor: r.budgetFactor,
        studiesExpected: r.studiesExpected,
        trialsExpected: r.trialsExpected,
        published: r.published,
        hardware: r.hardware,
        targetsSource: r.targetsSource,
        opensAt: r.opensAt?.toISOString() ?? null,
        closesAt: r.closesAt?.toISOString() ?? null,
        dataVersion: r.dataVersion,
        defaults: { tauMin: r.tauMin, tauMax: r.tauMax, points: r.tauPoints, scale: r.tauScale, integration: r.integration },
      },
      workloads: r.workloads.map((w) => ({
        key: w.key,
        role: w.role,
        baseKey: w.baseKey,
        displayName: w.displayName,
        task: w.task,
        dataset: w.dataset,
        model: w.model,
        loss: w.loss,
        metricName: w.metricName,
        metricLabel: w.metricLabel,
        direction: w.direction,
        target: w.target,
        testTarget: w.testTarget,
        budgetSeconds: w.budgetSeconds,
        budgetSteps: w.budgetSteps,
        batchSize: w.batchSize,
        stepHint: w.stepHint,
        notes: w.notes,
      })),
      // An unverified upload is outside the default pool whatever it was marked (docs/trust-model.md).
      submissions: r.submissions.map((s) => ({ ...s, inDefaultPool: s.inDefaultPool && s.verified })),
    };
  });
}
