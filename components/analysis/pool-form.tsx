// The controls of an analysis view: the leaderboard's pool editor (the
// round's submissions, each added or removed with one link that is the new
// view's URL, `pool=a,b,c`) and a plain GET form (works without JavaScript)
// with the integration, the view's own fields, and the pool and other scoring
// parameters of the URL kept as hidden fields. The page reads the candidates
// (app/analysis/read-view.ts): components do not read the database.
import type { Candidate } from "@/lib/server/services/leaderboard";
import type { PoolCandidates } from "@/lib/server/services/pool-candidates";
import { PoolEditor } from "@/components/leaderboard/pool-editor";
import { MixedPoolNotice } from "@/components/pools/mixed-pool-notice";
import { HiddenFields, INPUT, SubmitButton } from "@/components/ui/form-controls";
import { Notice } from "@/components/ui/notice";
import type { MixedFlag } from "@/lib/views/mixed-pool";
import { routes } from "@/lib/views/routes";
import { poolViewQuery, type AnalysisView } from "./views";

/** The view at `action` with `params`, its pool replaced by `keys` (null: the round's default pool, no parameter). */
function withPool(action: string, params: URLSearchParams, keys: string[] | null): string {
  const q = new URLSearchParams(params);
  q.delete("pool");
  if (keys) q.set("pool", keys.join(","));
  const s = q.toString();
  return s ? `${action}?${s}` : action;
}

/** What the page read (app/analysis/read-view.ts) that the controls show. */
export interface PoolControlsState {
  round: string;
  query: URLSearchParams;
  /** null: no editor (e.g. an unknown round is the view's own error to report). */
  pool: PoolCandidates | null;
  result: { ok: true } | { ok: false; error: { message: string } };
}

/**
 * What every pooled analysis view shows above its report: the form and the
 * pool editor, the error of a bad parameter, the flag of a mixed pool.
 */
export function PoolControls({
  view,
  state,
  mixed,
  resample,
  hide,
  children,
}: {
  view: AnalysisView;
  state: PoolControlsState;
  mixed?: MixedFlag | null;
  /** A bootstrap view: its seed and resamples fields, with what the report used. */
  resample?: { method: { seed: number; resamples: number } | undefined };
  hide?: readonly string[];
  children?: React.ReactNode;
}) {
  return (
    <>
      <PoolForm round={state.round} view={view} params={state.query} pool={state.pool} hide={hide}>
        {resample && <ResampleFields query={state.query} method={resample.method} />}
        {children}
      </PoolForm>
      {!state.result.ok && <Notice tone="error" title={state.result.error.message} />}
      <MixedPoolNotice mixed={mixed} />
    </>
  );
}

function PoolEditorOf({ pool, action, params }: { pool: PoolCandidates; action: string; params: URLSearchParams }) {
  const defaults = new Set(pool.defaultKeys);
  const isDefault = (keys: string[]) => keys.length === defaults.size && keys.every((k) => defaults.has(k));
  const member = (c: Candidate, on: boolean) => {
    const keys = on ? [...pool.pool.keys.filter((k) => k !== c.slug), c.slug] : pool.pool.keys.filter((k) => k !== c.slug);
    return withPool(action, params, isDefault(keys) ? null : keys);
  };
  const query = poolViewQuery(params, pool.defaultKeys, new Set(pool.candidates.map((c) => c.slug)));
  return <PoolEditor lb={pool} path={action} query={query} links={{ member, reset: withPool(action, params, null) }} />;
}

function PoolForm({
  round,
  view,
  params,
  pool,
  children,
  hide = [],
}: {
  round: string;
  view: AnalysisView;
  params: URLSearchParams;
  pool: PoolCandidates | null;
  children?: React.ReactNode;
  hide?: readonly string[];
}) {
  const action = routes.analysis(round, undefined, undefined, view);
  const kept = ["pool", "points", "scale", "reference", "tauMax", "allowMixed"].filter((k) => !hide.includes(k));
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
        <HiddenFields params={params} keys={kept} />
        <SubmitButton>Update</SubmitButton>
      </form>
      {pool && <PoolEditorOf pool={pool} action={action} params={params} />}
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
function ResampleFields({ query, method }: { query: URLSearchParams; method?: { seed: number; resamples: number } }) {
  return (
    <>
      <NumberField name="seed" label="Seed" value={query.get("seed") ?? method?.seed ?? 1} min={0} step={1} />
      <NumberField name="resamples" label="Resamples" value={query.get("resamples") ?? method?.resamples ?? 1000} min={10} max={10000} step={1} />
    </>
  );
}
