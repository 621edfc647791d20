// Both submissions' eval curves per base workload on one chart, where eval
// series were uploaded (the submission pages' chart, one colour per side).
// Rendered in its own Suspense boundary: the comparison shows first.
import { EvalCurves, type EvalCurve } from "@/components/charts/eval-curves";
import { firstHitIndex } from "@/lib/scoring";
import type { CompareSide } from "@/lib/server/services/analysis-compare";
import type { SubmissionView } from "@/lib/server/services/submissions";
import { SIDE_STYLE } from "./compare-view";

/** `views`: both sides' submission views as the page loads them (null where one cannot be read), awaited here so the comparison shows first. */
export async function CompareCurves({
  a,
  b,
  views: loading,
  workloads,
}: {
  a: CompareSide;
  b: CompareSide;
  views: Promise<[SubmissionView | null, SubmissionView | null]>;
  workloads: string[];
}) {
  const [va, vb] = await loading;
  const views = [
    { label: "A", side: a, view: va, style: SIDE_STYLE.a },
    { label: "B", side: b, view: vb, style: SIDE_STYLE.b },
  ];
  const shown = workloads.filter((w) => views.some((v) => v.view?.evals.some((e) => e.workload === w)));
  if (shown.length === 0) {
    return (
      <p className="text-sm text-zinc-500" data-no-evals>
        Neither submission has uploaded eval series on a base workload (their times come from the published tables or uploads without logs), so there are no
        curves to overlay.
      </p>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {shown.map((key) => {
        const info = (va ?? vb)!.workloads.find((w) => w.workload.key === key)!.workload;
        const curves: EvalCurve[] = views.flatMap(({ label, side, view, style }) =>
          (view?.evals ?? [])
            .filter((e) => e.workload === key && e.times.length === e.metrics.length && e.times.length > 0)
            .map((e) => {
              const computed = firstHitIndex(e.metrics, info.target, info.direction);
              return {
                key: `${label}-${e.study}-${e.trial}`,
                label: `${label} ${side.displayName}: study ${e.study}, trial ${e.trial}`,
                x: e.times,
                y: e.metrics,
                hitIndex: e.firstHitIndex ?? (computed >= 0 ? computed : null),
                styleIndex: style,
              };
            }),
        );
        const budget = info.budgetSeconds === null ? null : info.budgetSeconds * (va ?? vb)!.round.budgetFactor;
        return (
          <figure key={key} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-eval-workload={key}>
            <figcaption className="mb-1 text-sm font-medium">
              {info.displayName} <span className="text-xs font-normal text-zinc-500">A solid, B dashed</span>
            </figcaption>
            <EvalCurves
              id={`compare-evals-${key}`}
              title={`${info.metricLabel ?? info.metricName} of ${a.displayName} (A) and ${b.displayName} (B) on ${info.displayName}, with the target line`}
              curves={curves}
              target={info.target}
              direction={info.direction}
              metricLabel={info.metricLabel ?? info.metricName}
              xLabel="accumulated submission time (s)"
              budget={budget}
            />
          </figure>
        );
      })}
    </div>
  );
}
