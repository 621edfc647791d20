// Derives WorkloadResult rows (one time per submission x workload) from the
// runs, with the scoring engine's §2 rules. Called inside every transaction
// that writes runs, so the derived rows can never disagree with the runs.
// Reads and writes in raw SQL (lib/db/bulk.ts): a round's refresh moves
// thousands of rows.
import { jsonRows, pgArray } from "@/lib/db/bulk";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { SqlStatement } from "@/lib/db/tx-connection";
import { bestTrialIndex, numpyMedian, type TrialHit } from "@/lib/scoring";
import type { RunOutcome } from "./run-outcome";

type Tx = Prisma.TransactionClient;

export interface RunForResult extends Pick<RunOutcome, "reached" | "timeSeconds" | "timeFraction" | "firstHitIndex"> {
  submissionId: number;
  workloadId: number;
  study: number;
  trial: number;
  position: number;
}

export interface StudyBest {
  study: number;
  trial: number | null;
  hitIndex: number | null;
  seconds: number | null;
  fraction: number | null;
}

export interface ResultRow {
  submissionId: number;
  workloadId: number;
  reached: boolean;
  timeSeconds: number | null;
  timeFraction: number | null;
  studies: number;
  studiesHit: number;
  perStudy: StudyBest[];
}

const hit = (r: RunForResult, time: number | null): TrialHit =>
  r.reached && time !== null ? { hitIndex: r.firstHitIndex, hitTime: time } : { hitIndex: null, hitTime: null };

/**
 * One cell from the runs of one submission on one workload. docs/scoring.md §2.2:
 * best trial per study among the trials in listing order; §2.3: median over
 * studies. Times in seconds and as budget fractions are derived separately
 * (a basis is null when some reached run lacks it); the best trial is the same
 * in both because the selection uses the eval index (or, lacking it, times
 * that differ only by the constant budget).
 */
export function resultFromRuns(runs: readonly RunForResult[]): Omit<ResultRow, "submissionId" | "workloadId"> {
  const byStudy = new Map<number, RunForResult[]>();
  for (const r of runs) {
    const list = byStudy.get(r.study) ?? [];
    list.push(r);
    byStudy.set(r.study, list);
  }
  const hasSeconds = runs.every((r) => !r.reached || r.timeSeconds !== null);
  const hasFraction = runs.every((r) => !r.reached || r.timeFraction !== null);
  const perStudy: StudyBest[] = [];
  const seconds: number[] = [];
  const fractions: number[] = [];
  for (const study of [...byStudy.keys()].sort((a, b) => a - b)) {
    const trials = byStudy.get(study)!.sort((a, b) => a.position - b.position || a.trial - b.trial);
    const basis = hasSeconds ? trials.map((r) => hit(r, r.timeSeconds)) : trials.map((r) => hit(r, r.timeFraction));
    const i = bestTrialIndex(basis);
    const best = i < 0 ? null : trials[i]!;
    perStudy.push({
      study,
      trial: best?.trial ?? null,
      hitIndex: best?.firstHitIndex ?? null,
      seconds: best?.timeSeconds ?? null,
      fraction: best?.timeFraction ?? null,
    });
    seconds.push(best?.timeSeconds ?? Infinity);
    fractions.push(best?.timeFraction ?? Infinity);
  }
  const medianSeconds = hasSeconds ? numpyMedian(seconds) : NaN;
  const medianFraction = hasFraction ? numpyMedian(fractions) : NaN;
  const reached = Number.isFinite(hasSeconds ? medianSeconds : medianFraction);
  return {
    reached,
    timeSeconds: reached && Number.isFinite(medianSeconds) ? medianSeconds : null,
    timeFraction: reached && Number.isFinite(medianFraction) ? medianFraction : null,
    studies: perStudy.length,
    studiesHit: perStudy.filter((s) => s.trial !== null).length,
    perStudy,
  };
}

export type RunRow = RunForResult & { roundId: number };

const RUN_COLUMNS = `"submissionId", "workloadId", "roundId", study, trial, position, reached, "timeSeconds", "timeFraction", "firstHitIndex"`;

/** Recomputes the WorkloadResult rows of these submissions from their runs. */
export async function refreshResults(tx: Tx, submissionIds: readonly number[]): Promise<void> {
  if (submissionIds.length === 0) return;
  const ids = pgArray([...new Set(submissionIds)]);
  const runs = await jsonRows<RunRow>(tx, `SELECT ${RUN_COLUMNS} FROM "Run" WHERE "submissionId" = ANY($1::text::int[])`, ids);
  await tx.$executeRawUnsafe(`DELETE FROM "WorkloadResult" WHERE "submissionId" = ANY($1::text::int[])`, ids);
  await insertResults(tx, runs);
}

/**
 * The statements that replace the WorkloadResult rows of these (submission,
 * workload) cells with `rows` (resultRows of the cells' runs after the
 * write): what an upload needs, since a cell depends on its own runs only
 * (docs/scoring.md §2). The upload knows those runs without reading them back
 * (the stored ones it read under the submissions' locks, and the ones it
 * writes), so it computes the rows before the round's lock and sends these
 * with its other writes under it (lib/server/services/upload.ts).
 */
export function replaceCellsStatements(cells: readonly { submissionId: number; workloadId: number }[], rows: readonly ResultRowOfRound[]): SqlStatement[] {
  if (cells.length === 0) return [];
  const unique = [...new Map(cells.map((c) => [`${c.submissionId}:${c.workloadId}`, c])).values()];
  const inCells = `("submissionId", "workloadId") IN (SELECT * FROM unnest($1::text::int[], $2::text::int[]))`;
  const remove = {
    sql: `DELETE FROM "WorkloadResult" WHERE ${inCells}`,
    params: [pgArray(unique.map((c) => c.submissionId)), pgArray(unique.map((c) => c.workloadId))],
  };
  return rows.length ? [remove, insertResultsStatement(rows)] : [remove];
}

async function insertResults(tx: Tx, runs: readonly RunRow[]): Promise<void> {
  const rows = resultRows(runs);
  if (rows.length === 0) return;
  const { sql, params } = insertResultsStatement(rows);
  await tx.$executeRawUnsafe(sql, ...params);
}

/** A WorkloadResult row with its round. */
export type ResultRowOfRound = ResultRow & { roundId: number };

/** The WorkloadResult rows of the cells these runs belong to (a cell without runs has none). */
export function resultRows(runs: readonly RunRow[]): ResultRowOfRound[] {
  const groups = new Map<string, RunRow[]>();
  for (const r of runs) {
    const key = `${r.submissionId}:${r.workloadId}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((list) => ({
    submissionId: list[0]!.submissionId,
    workloadId: list[0]!.workloadId,
    roundId: list[0]!.roundId,
    ...resultFromRuns(list),
  }));
}

function insertResultsStatement(rows: readonly ResultRowOfRound[]): SqlStatement {
  return {
    sql: `INSERT INTO "WorkloadResult" ("submissionId", "workloadId", "roundId", reached, "timeSeconds", "timeFraction", studies, "studiesHit", "perStudy", "updatedAt")
     SELECT s, w, r, reached, ts, tf, studies, hit, per::jsonb, now()
       FROM unnest($1::text::int[], $2::text::int[], $3::text::int[], $4::text::bool[], $5::text::float8[], $6::text::float8[], $7::text::int[], $8::text::int[], $9::text[])
         AS x(s, w, r, reached, ts, tf, studies, hit, per)`,
    params: [
      pgArray(rows.map((r) => r.submissionId)),
      pgArray(rows.map((r) => r.workloadId)),
      pgArray(rows.map((r) => r.roundId)),
      pgArray(rows.map((r) => r.reached)),
      pgArray(rows.map((r) => r.timeSeconds)),
      pgArray(rows.map((r) => r.timeFraction)),
      pgArray(rows.map((r) => r.studies)),
      pgArray(rows.map((r) => r.studiesHit)),
      rows.map((r) => JSON.stringify(r.perStudy)),
    ],
  };
}
