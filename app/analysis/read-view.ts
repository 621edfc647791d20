// What every analysis page does first: its round and URL query, then the
// view's service call through pageResult (an unknown round is the 404 page, a
// bad parameter a notice beside the form).
import { toSearchParams } from "@/components/analysis/views";
import { pageResult, type PageResult } from "@/lib/server/page-result";

export interface AnalysisPageProps {
  params: Promise<{ round: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function readAnalysisView<R>(
  props: AnalysisPageProps,
  load: (round: string, query: URLSearchParams) => Promise<R>,
): Promise<{ round: string; query: URLSearchParams; result: PageResult<R>; report: R | null }> {
  const { round } = await props.params;
  const query = toSearchParams(await props.searchParams);
  const result = await pageResult(() => load(round, query));
  return { round, query, result, report: result.ok ? result.value : null };
}
