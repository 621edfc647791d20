// What every analysis page does first: its round and URL query, then the
// view's service call through pageResult (an unknown round is the 404 page, a
// bad parameter a notice beside the form), and beside it the candidates of the
// pool editor (components/analysis/pool-form.tsx), so that no component reads
// the database. The endpoint has the parse/load shape of the API's readRoute
// (lib/server/http/read-route.ts).
import { poolKeys, toSearchParams } from "@/components/analysis/views";
import { db, type Db } from "@/lib/db/client";
import { pageResult, type PageResult } from "@/lib/server/page-result";
import type { PoolControlsState } from "@/components/analysis/pool-form";
import { poolCandidates } from "@/lib/server/services/pool-candidates";
import type { TimeBasis } from "@/lib/scoring";
import { scoreDigits } from "@/lib/views/format";

export interface AnalysisPageProps {
  params: Promise<{ round: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** What a report may hold that every page labels the same way. */
interface NamedReport {
  displayNames?: Record<string, string>;
  round?: string | { timeBasis: TimeBasis };
}

export interface AnalysisView<R> {
  round: string;
  query: URLSearchParams;
  result: PageResult<R>;
  report: R | null;
  /** What the pool editor and the error notice show (components/analysis/pool-form.tsx PoolControls). */
  controls: PoolControlsState;
  /** A submission's display name in the report, else its key. */
  name: (key: string) => string;
  /** Decimals of a score in the report's time basis (3 without a report). */
  digits: number;
}

/**
 * `parse` is the endpoint's schema module's parser (lib/server/schemas/; it
 * throws AppError 400 naming the parameter), `load` the service call;
 * `withPool: false` for a view without the pool editor.
 */
export async function readAnalysisView<I, R extends NamedReport>(
  props: AnalysisPageProps,
  parse: (query: URLSearchParams) => I,
  load: (request: { db: Db; round: string; input: I }) => Promise<R>,
  { withPool = true } = {},
): Promise<AnalysisView<R>> {
  const { round } = await props.params;
  const query = toSearchParams(await props.searchParams);
  const database = db();
  const [result, pool] = await Promise.all([
    pageResult(() => load({ db: database, round, input: parse(query) })),
    withPool ? poolCandidates(database, { round, pool: poolKeys(query) }).catch(() => null) : null,
  ]);
  const report = result.ok ? result.value : null;
  const digits = typeof report?.round === "object" ? scoreDigits(report.round.timeBasis) : 3;
  const controls = { round, query, pool, result };
  return { round, query, result, report, controls, digits, name: (key) => report?.displayNames?.[key] ?? key };
}

/** `load` of a service with analysisRoute's compute shape (lib/server/http/analysis-route.ts): `{ round, query, ...options }`. */
export function pooled<P extends { round: string; query: unknown }, R>(compute: (db: Db, options: P) => Promise<R>) {
  type Input = { query: P["query"]; options: Omit<P, "round" | "query"> };
  // The spread is P by construction; TypeScript cannot see it through a generic Omit.
  return ({ db, round, input }: { db: Db; round: string; input: Input }) => compute(db, { round, query: input.query, ...input.options } as P);
}
