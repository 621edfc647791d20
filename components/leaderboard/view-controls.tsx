"use client";
// The filters and scoring settings of a leaderboard view. A plain GET form,
// so it works before JavaScript loads (Apply submits it); once hydrated every
// change navigates at once to the view's canonical URL, which the server
// renders: scores are always recomputed there, and back/forward and reload
// restore the view from the URL alone.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { viewHref, type Source, type ViewQuery } from "@/lib/views/query";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

interface Props {
  path: string;
  /** Parameters of the page that are not part of the view (e.g. the round of a workload page). */
  fixed?: Record<string, string>;
  query: ViewQuery;
  facets: { horizon: FacetOption[]; family: FacetOption[]; base: FacetOption[]; source: FacetOption[] };
  defaults: { tauMax: number; integration: "trapezoid" | "exact" };
}

const FILTERS = [
  { name: "horizon", legend: "Training horizon" },
  { name: "family", legend: "Optimizer family" },
  { name: "base", legend: "Base algorithm" },
  { name: "source", legend: "Source" },
] as const;

export function ViewControls({ path, fixed = {}, query, facets, defaults }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const readForm = (form: HTMLFormElement): ViewQuery => {
    const fd = new FormData(form);
    const strings = (name: string) => fd.getAll(name).map(String);
    const tauRaw = String(fd.get("tauMax") ?? "").trim();
    const tau = tauRaw === "" ? undefined : Number(tauRaw);
    const integration = String(fd.get("integration") ?? "") as "trapezoid" | "exact" | "";
    return {
      ...query,
      horizon: strings("horizon"),
      family: strings("family"),
      base: strings("base"),
      source: strings("source") as Source[],
      complete: fd.get("complete") ? "only" : undefined,
      // Defaults are left out of the URL, so the default view has one address.
      tauMax: tau === undefined || tau === defaults.tauMax || !Number.isFinite(tau) ? undefined : tau,
      integration: integration === "" || integration === defaults.integration ? undefined : integration,
    };
  };

  const apply = (form: HTMLFormElement) => {
    if (!form.checkValidity()) {
      form.reportValidity();
      return;
    }
    const href = viewHref(path, readForm(form), fixed);
    startTransition(() => router.push(href, { scroll: false }));
  };

  return (
    <form
      method="get"
      action={path}
      className="border-t border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/40"
      aria-label="Filters and scoring settings"
      data-pending={pending || undefined}
      onChange={(e) => {
        // The tau input applies on Enter or when it loses focus, not on every keystroke.
        if ((e.target as unknown as HTMLInputElement).name !== "tauMax") apply(e.currentTarget);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget);
      }}
    >
      {Object.entries(fixed).map(([k, v]) => (
        <input key={`f${k}`} type="hidden" name={k} value={v} />
      ))}
      {query.add.map((v) => (
        <input key={`a${v}`} type="hidden" name="add" value={v} />
      ))}
      {query.remove.map((v) => (
        <input key={`r${v}`} type="hidden" name="remove" value={v} />
      ))}
      {query.points !== undefined && <input type="hidden" name="points" value={query.points} />}
      {query.scale && <input type="hidden" name="scale" value={query.scale} />}
      {query.sort && <input type="hidden" name="sort" value={query.sort} />}
      {query.dir && <input type="hidden" name="dir" value={query.dir} />}
      {query.axis && <input type="hidden" name="axis" value={query.axis} />}
      {query.hide.map((v) => (
        <input key={`h${v}`} type="hidden" name="hide" value={v} />
      ))}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[repeat(auto-fit,minmax(12rem,1fr))]">
        {FILTERS.filter(({ name }) => facets[name].length > 0).map(({ name, legend }) => {
          const options = facets[name];
          const selected = new Set<string>(query[name]);
          return (
            <fieldset key={name} className="min-w-0" data-filter={name}>
              <legend className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{legend}</legend>
              {options.length === 0 ? (
                <p className="text-xs text-zinc-500">none in this round</p>
              ) : (
                <div className={`space-y-0.5 ${options.length > 7 ? "max-h-40 overflow-y-auto pr-1" : ""}`}>
                  {options.map((o) => (
                    <label key={o.value} className="flex cursor-pointer items-start gap-2 text-sm leading-snug">
                      <input
                        type="checkbox"
                        name={name}
                        value={o.value}
                        defaultChecked={selected.has(o.value)}
                        className="mt-0.5 h-4 w-4 shrink-0 accent-sky-700"
                      />
                      <span className="min-w-0">
                        {o.label} <span className="num text-xs text-zinc-500">({o.count})</span>
                      </span>
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
          );
        })}
        <fieldset className="min-w-0" data-filter="complete">
          <legend className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Completeness</legend>
          <label className="flex cursor-pointer items-start gap-2 text-sm leading-snug">
            <input type="checkbox" name="complete" value="only" defaultChecked={query.complete === "only"} className="mt-0.5 h-4 w-4 shrink-0 accent-sky-700" />
            <span>Hide incomplete submissions (fewer runs than the round expects)</span>
          </label>
        </fieldset>
        <fieldset className="min-w-0" data-filter="scoring">
          <legend className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Scoring</legend>
          <label className="flex items-center gap-2 text-sm">
            <span>τ max</span>
            <input
              type="number"
              name="tauMax"
              min="1.01"
              max="1000"
              step="any"
              inputMode="decimal"
              defaultValue={query.tauMax ?? defaults.tauMax}
              onBlur={(e) => {
                const form = e.currentTarget.form;
                const v = e.currentTarget.value.trim();
                if (form && v !== String(query.tauMax ?? defaults.tauMax)) apply(form);
              }}
              className="w-20 rounded border border-zinc-300 bg-white px-2 py-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              aria-describedby="tau-help"
            />
          </label>
          <p id="tau-help" className="mt-0.5 text-xs text-zinc-500">
            Profiles are integrated over τ ∈ [1, τ max]; AlgoPerf uses 4.
          </p>
          <div className="mt-2 space-y-0.5" role="radiogroup" aria-label="Integration">
            {(
              [
                ["trapezoid", "Official grid", "100-point trapezoid, as the AlgoPerf scoring code"],
                ["exact", "Exact", "exact area under the step profile, as the paper's tables"],
              ] as const
            ).map(([value, label, help]) => (
              <label key={value} className="flex cursor-pointer items-start gap-2 text-sm leading-snug" title={help}>
                <input
                  type="radio"
                  name="integration"
                  value={value}
                  defaultChecked={(query.integration ?? defaults.integration) === value}
                  className="mt-0.5 h-4 w-4 accent-sky-700"
                />
                <span>
                  {label} <span className="text-xs text-zinc-500">({help})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="mt-3 flex items-center gap-3 text-xs text-zinc-500">
        <button
          type="submit"
          className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
        >
          Apply
        </button>
        <span>No box ticked in a group = no filter on it. Filters define the pool: scores are recomputed among the remaining submissions.</span>
        <span role="status" aria-live="polite" className="ml-auto font-medium text-sky-700 dark:text-sky-400">
          {pending ? "Recomputing scores…" : ""}
        </span>
      </div>
    </form>
  );
}
