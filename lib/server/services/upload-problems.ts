// Every problem of a rejected upload in one answer (issue 15): when the shape
// check or one stage of the service rejects a file, the checks of the other
// stages that can run on the raw body run too (unknown round, unknown
// workloads, runs of undeclared submissions, the time basis of reached runs),
// with "did you mean" for unknown names. Best effort: only values of the
// right type are checked; the service stays the authority on what is written.
import type { Db } from "@/lib/db/client";
import { didYouMean } from "@/lib/ingest/suggest";
import type { Issue } from "@/lib/issue";
import { unknownRoundText } from "@/lib/server/errors";
import { roundSlugs } from "./round-slugs";

/** A problem at a JSON path of the body: the one problem type (lib/issue.ts). */
export type PathIssue = Issue;

type RawRun = { submission?: unknown; workload?: unknown; timeToTarget?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export async function rawUploadProblems(db: Db, raw: unknown): Promise<PathIssue[]> {
  if (!isObject(raw) || typeof raw.round !== "string") return [];
  const round = await db.round.findUnique({
    where: { slug: raw.round },
    select: { id: true, slug: true, timeBasis: true, workloads: { select: { key: true } }, submissions: { select: { slug: true } } },
  });
  if (!round) {
    const rounds = await roundSlugs(db);
    return [{ path: "round", message: `${unknownRoundText(raw.round)}.${didYouMean(raw.round, rounds)} Rounds: ${rounds.join(", ")}` }];
  }
  const declared = Array.isArray(raw.submissions)
    ? raw.submissions
        .filter(isObject)
        .map((s) => s.slug)
        .filter((s): s is string => typeof s === "string")
    : [];
  const known = [...new Set([...declared, ...round.submissions.map((s) => s.slug)])];
  const workloads = round.workloads.map((w) => w.key);
  const issues: PathIssue[] = [];
  (Array.isArray(raw.runs) ? raw.runs : []).forEach((run: unknown, i: number) => {
    if (!isObject(run)) return;
    const r = run as RawRun;
    if (typeof r.workload === "string" && !workloads.includes(r.workload)) {
      issues.push({
        path: `runs.${i}.workload`,
        message: `unknown workload "${r.workload}" in round "${round.slug}".${didYouMean(r.workload, workloads)} Workloads: ${workloads.join(", ")}`,
      });
    }
    if (typeof r.submission === "string" && !known.includes(r.submission)) {
      issues.push({
        path: `runs.${i}.submission`,
        message: `submission "${r.submission}" is neither declared in "submissions" nor stored in round "${round.slug}".${didYouMean(r.submission, known)}`,
      });
    }
    const t = r.timeToTarget;
    if (round.timeBasis === "seconds" && isObject(t) && t.reached === true && typeof t.seconds !== "number") {
      issues.push({ path: `runs.${i}.timeToTarget.seconds`, message: `a reached run in round "${round.slug}" needs seconds (the round is scored on seconds)` });
    }
  });
  return issues;
}

/**
 * `first`, then the issues of `more` whose path `first` does not already
 * report; where both report a path, `first`'s message gains `more`'s
 * "Did you mean" sentence.
 */
export function mergeIssues(first: readonly PathIssue[], more: readonly PathIssue[]): PathIssue[] {
  const byPath = new Map(more.map((i) => [i.path, i]));
  const seen = new Set(first.map((i) => i.path));
  const merged = first.map((i) => {
    const hint = byPath.get(i.path)?.message.match(/ Did you mean [^?]*\?/)?.[0];
    return hint && !i.message.includes("Did you mean") ? { ...i, message: `${i.message}.${hint}` } : i;
  });
  return [...merged, ...more.filter((i) => !seen.has(i.path))];
}
