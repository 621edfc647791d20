// The pickers of the compare page: a plain GET form (works without
// JavaScript) with the round, A and B; the pool and scoring parameters of the
// URL ride along as hidden fields, so comparing never changes the pool. Once
// hydrated, a change applies at once (picking B is one action); a new round
// drops A and B, which then default to its top two.
import { HiddenFields, INPUT, SubmitButton } from "@/components/ui/form-controls";
import { SubmitOnChangeForm } from "@/components/ui/submit-on-change";

// w-full/min-w-0: a long option must not widen the form past a phone's screen.
const SELECT = `w-full min-w-0 ${INPUT}`;
const KEPT = ["pool", "integration", "points", "scale", "tauMax", "seed", "resamples"] as const;

export interface PickerOption {
  slug: string;
  displayName: string;
}

/** Submissions of another round with the same time basis and base workloads, offered as "<round>/<slug>". */
export interface PickerGroup {
  round: string;
  /** Offered only because the URL allows a mixed pool (other version, hardware or workloads). */
  mixed?: boolean;
  name: string;
  options: PickerOption[];
}

export function ComparePicker({
  round,
  rounds,
  options,
  others = [],
  a,
  b,
  params,
}: {
  round: string;
  rounds: { slug: string; name: string }[];
  options: PickerOption[];
  others?: PickerGroup[];
  a: string;
  b: string;
  params: URLSearchParams;
}) {
  const known = new Set([...options.map((o) => o.slug), ...others.flatMap((g) => g.options.map((o) => `${g.round}/${o.slug}`))]);
  // Anything else in the URL (e.g. a submission of a round not offered) stays selectable.
  const extra = [a, b].filter((s) => s && !known.has(s)).map((s) => ({ slug: s, displayName: s }));
  const select = (name: "a" | "b", value: string, label: string) => (
    <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
      <span className="text-xs text-zinc-500">{label}</span>
      <select name={name} defaultValue={value} className={SELECT} data-picker={name}>
        {[...options, ...extra].map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.displayName} ({o.slug})
          </option>
        ))}
        {others.map((g) => (
          <optgroup key={g.round} label={`${g.name} (${g.mixed ? "mixed: scored on shared workloads" : "same workloads and time basis"})`}>
            {g.options.map((o) => (
              <option key={o.slug} value={`${g.round}/${o.slug}`}>
                {o.displayName} ({g.round}/{o.slug})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
  return (
    <SubmitOnChangeForm
      method="get"
      action="/compare"
      reset={{ round: ["a", "b"] }}
      className="flex flex-wrap items-end gap-3 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
      data-form="compare"
    >
      <label className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
        <span className="text-xs text-zinc-500">Round</span>
        <select name="round" defaultValue={round} className={SELECT}>
          {rounds.map((r) => (
            <option key={r.slug} value={r.slug}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {select("a", a, "A")}
      {select("b", b, "B")}
      <label
        className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400"
        title="Offer rounds of other benchmark versions or hardware; the pair is then scored on the workloads both rounds share, and flagged"
      >
        <input
          type="checkbox"
          name="allowMixed"
          value="1"
          defaultChecked={params.get("allowMixed") === "1" || params.get("allowMixed") === "true"}
          data-allow-mixed
        />
        other versions (shared workloads)
      </label>
      <HiddenFields params={params} keys={KEPT} />
      <SubmitButton>Compare</SubmitButton>
    </SubmitOnChangeForm>
  );
}
