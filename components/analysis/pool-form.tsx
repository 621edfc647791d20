// The controls of an analysis view: a plain GET form (works without
// JavaScript) with the pool and integration, the view's own fields, and the
// other scoring parameters of the URL kept as hidden fields.

const INPUT = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function PoolForm({ action, params, children, hide = [] }: { action: string; params: URLSearchParams; children?: React.ReactNode; hide?: readonly string[] }) {
  const kept = ["points", "scale", "reference", "tauMax"].filter((k) => params.get(k) && !hide.includes(k));
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-form="pool">
      <label className="flex min-w-64 flex-1 flex-col gap-1">
        <span className="text-xs text-zinc-500">Pool (comma-separated slugs; empty = the round&apos;s default pool)</span>
        <input name="pool" defaultValue={params.get("pool") ?? ""} className={INPUT} placeholder="default pool" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-zinc-500">Integration</span>
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
      <button type="submit" className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300">
        Update
      </button>
    </form>
  );
}

export function NumberField({ name, label, value, min, max, step }: { name: string; label: string; value: number | string; min?: number; max?: number; step?: number | "any" }) {
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
