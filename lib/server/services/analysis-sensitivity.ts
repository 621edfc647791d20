// Pool sensitivity: GET /api/v1/rounds/<round>/sensitivity and its page.
// With `submission=X`: every other member's score and rank with and without X
// (the paper's Appendix F for any X; X may be outside the pool, then it is
// added). Without: the leave-one-out table of the whole pool.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { LeaveOneOutRow, ShiftRow, ShiftSummary } from "@/lib/scoring/analysis";
import { compute } from "@/lib/server/compute/pool";
import { AppError } from "@/lib/server/errors";
import { analysisHead, type AnalysisHead } from "./analysis-common";
import { loadPool, poolRequest, readPoolView, type PoolRequest } from "./pool";
import type { ScoreQuery } from "@/lib/server/schemas/scores";

export interface SubjectReport extends AnalysisHead {
  view: "subject";
  subject: { key: string; inPool: boolean; scoreWith: number; rankWith: number };
  /** Pool members with the subject, and without it. */
  poolWith: string[];
  poolWithout: string[];
  rows: (Omit<ShiftRow, "name"> & { key: string })[];
  summary: Omit<ShiftSummary, "maxAbsDeltaName"> & { maxAbsDeltaKey: string | null };
}

export interface LeaveOneOutReport extends AnalysisHead {
  view: "leave-one-out";
  rows: (Omit<LeaveOneOutRow, "name" | "maxAbsDeltaName"> & { key: string; maxAbsDeltaKey: string | null })[];
}

export type SensitivityReport = SubjectReport | LeaveOneOutReport;

export async function sensitivityOfPool(db: Db, roundSlug: string, query: ScoreQuery, submission?: string): Promise<SensitivityReport & { stale?: boolean }> {
  const request = poolRequest(roundSlug, query);
  if (submission === undefined) return readPoolView(db, "loo", request, (versions) => leaveOneOutReport(db, request, versions));
  const subject = subjectOf(roundSlug, submission);
  return readPoolView(
    db,
    `sensitivity|${subject.key}`,
    request,
    async (versions) => {
      const pool = await loadPool(db, request, versions);
      await assertExists(db, roundSlug, subject, submission);
      const keys = pool.submissions.map((s) => s.key);
      const inPool = keys.includes(subject.key);
      // A subject outside the pool joins it: "with" is the pool plus the subject.
      const withPool = inPool ? pool : await loadPool(db, poolRequest(roundSlug, { ...query, pool: [...keys, subject.key] }), versions);
      const result = await compute(
        { kind: "compare", input: withPool.input, settings: withPool.settings, subject: subject.key },
        `cannot compare the pool with and without "${subject.key}"`,
      );
      return {
        ...analysisHead(withPool, result.settings),
        view: "subject" as const,
        subject: { key: subject.key, inPool, scoreWith: result.scoreWith, rankWith: result.rankWith },
        poolWith: withPool.submissions.map((s) => s.key),
        poolWithout: withPool.submissions.map((s) => s.key).filter((k) => k !== subject.key),
        rows: result.rows.map(({ name, ...row }) => ({ key: name, ...row })),
        summary: { ...withoutName(result.summary), maxAbsDeltaKey: result.summary.maxAbsDeltaName },
      };
    },
    [subject.round],
  );
}

async function leaveOneOutReport(db: Db, request: PoolRequest, versions: Map<string, number>): Promise<LeaveOneOutReport> {
  const pool = await loadPool(db, request, versions);
  const result = await compute({ kind: "leaveOneOut", input: pool.input, settings: pool.settings });
  return {
    ...analysisHead(pool, result.settings),
    view: "leave-one-out",
    rows: result.rows.map(({ name, maxAbsDeltaName, ...row }) => ({ key: name, ...row, maxAbsDeltaKey: maxAbsDeltaName })),
  };
}

function withoutName({ maxAbsDeltaName: _, ...rest }: ShiftSummary) {
  return rest;
}

/** The pool key of a submission parameter: "slug" of this round, or "<round>/<slug>" (a slug alone when the round is this one). */
function subjectOf(roundSlug: string, submission: string): { round: string; slug: string; key: string } {
  const i = submission.indexOf("/");
  const round = i < 0 ? roundSlug : submission.slice(0, i);
  const slug = i < 0 ? submission : submission.slice(i + 1);
  return { round, slug, key: round === roundSlug ? slug : `${round}/${slug}` };
}

/** @throws AppError BAD_REQUEST naming `submission` and listing this round's slugs when the subject does not exist. */
async function assertExists(db: Db, roundSlug: string, subject: { round: string; slug: string }, submission: string): Promise<void> {
  const found = await db.submission.findFirst({ where: { slug: subject.slug, hidden: false, round: { slug: subject.round } }, select: { id: true } });
  if (found) return;
  const known = await db.submission.findMany({ where: { round: { slug: roundSlug }, hidden: false }, select: { slug: true }, orderBy: { slug: "asc" } });
  throw new AppError("BAD_REQUEST", `unknown submission "${submission}"; submissions of ${roundSlug}: ${known.map((k) => k.slug).join(", ")}`, [
    { path: "submission", message: `unknown submission "${submission}"` },
  ]);
}
