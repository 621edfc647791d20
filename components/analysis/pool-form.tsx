// The controls of an analysis view: the leaderboard's pool editor (the
// round's submissions, each added or removed with one link that is the new
// view's URL, `pool=a,b,c`) and a plain GET form (works without JavaScript)
// with the integration, the view's own fields, and the pool and other scoring
// parameters of the URL kept as hidden fields.
import type { Candidate } from "@/lib/server/services/leaderboard";
import { PoolEditor } from "@/components/leaderboard/pool-editor";
import { db } from "@/lib/db/client";
import { poolCandidates } from "@/lib/server/services/pool-candidates";
import { routes } from "@/lib/views/routes";
import { poolKeys, poolViewQuery, type AnalysisView } from "./views";

const INPUT = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The view at `action` with `params`, its pool replaced by `keys` (null: the round's default pool, no parameter). */
function withPool(action: string, params: URLSearchParams, keys: string[] | null): string {
  const q = new URLSearchParams(params);
  q.delete("pool");
  if (keys) q.set("pool", keys.join(","));
  const s = q.toString();
  return s ? `${action}?${s}` : action;
}

export async function PoolForm({
  round,
  view,
  params,
  children,
  hide = [],
}: {
  round: string;
  view: AnalysisView;
  params: URLSearchParams;
  children?: React.ReactNode;
  hide?: readonly string[];
}) {
  const action = routes.analysis(round, undefined, undefined, view);
  const kept = ["pool", "points", "scale", "reference", "tauMax", "allowMixed"].filter((k) => params.get(k) && !hide.includes(k));
  // An unknown round is the view's own error to report; the editor is then left out.
  const pool = await poolCandidates(db(), { round, pool: poolKeys(params) }).catch(() => null);
  let editor: React.ReactNode = null;
  if (pool) {
    const defaults = new Set(pool.defaultKeys);
    const isDefault = (keys: string[]) => keys.length === defaults.size && keys.every((k) => defaults.has(k));
    const member = (c: Candidate, on: boolean) => {
      const keys = on ? [...pool.pool.keys.filter((k) => k !== c.slug), c.slug] : pool.pool.keys.filter((k) => k !== c.slug);
      return withPool(action, params, isDefault(keys) ? null : keys);
    };
    const query = poolViewQuery(params, pool.defaultKeys, new Set(pool.candidates.map((c) => c.slug)));
    editor = <PoolEditor lb={pool} path={action} query={query} links={{ member, reset: withPool(action, params, null) }} />;
  }
  return (
    // As on the leaderboard (round-controls.tsx): the view's settings, then the pool.
    <div className="space-y-2">
      <form
        method="get"
        action={action}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800"
        data-form="pool"
      >
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Integration</span>
          <select name="integration" defaultValue={params.get("integration") ?? ""} className={INPUT}>
            <option value="">round default</option>
            <option value="trapezoid">official trapezoid grid</option>
            <option value="exact">exact area</option>
          </select>
        </label>
        {children}
        {kept.map((k) => (
          <input key={k} type="hidden" name={k} value={params.get(k)!} />
        ))}
        <button
          type="submit"
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          Update
        </button>
      </form>
      {editor}
    </div>
  );
}

export function NumberField({
  name,
  label,
  value,
  min,
  max,
  step,
}: {
  name: string;
  label: string;
  value: number | string;
  min?: number;
  max?: number;
  step?: number | "any";
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs text-zinc-500">{label}</span>
      <input type="number" name={name} defaultValue={value} min={min} max={max} step={step} className={`${INPUT} w-28`} />
    </label>
  );
}

/** `seed` and `resamples` of the bootstrap views, showing what the report used when the URL does not say. */
export function ResampleFields({ query, method }: { query: URLSearchParams; method?: { seed: number; resamples: number } }) {
  return (
    <>
      <NumberField name="seed" label="Seed" value={query.get("seed") ?? method?.seed ?? 1} min={0} step={1} />
      <NumberField name="resamples" label="Resamples" value={query.get("resamples") ?? method?.resamples ?? 1000} min={10} max={10000} step={1} />
    </>
  );
}
