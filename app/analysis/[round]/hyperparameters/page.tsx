// /analysis/<round>/hyperparameters?submission=<slug>: hyperparameter sensitivity
// (issue 17, docs/analysis-tuning.md "Hyperparameter sensitivity"). The
// round's submissions ranked by sensitivity, and for one of them the spread of
// its trials per workload and a scatter per varying hyperparameter.
import Link from "next/link";
import { fixed } from "@/components/analysis/format";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { HparamScatter } from "@/components/charts/hparam-scatter";
import { INPUT, SubmitButton } from "@/components/ui/form-controls";
import { Notice } from "@/components/ui/notice";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { hyperparametersOf, type HyperparameterReport } from "@/lib/server/services/analysis-hyperparameters";
import { seriesColor } from "@/lib/views/palette";
import { routes } from "@/lib/views/routes";
import { JsonLink } from "../../json-link";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Hyperparameter sensitivity" };

const spreadText = (v: number) => (Number.isNaN(v) ? "no hit" : Number.isFinite(v) ? `${v.toFixed(2)}×` : "∞ (median trial misses)");

export default async function HyperparametersPage(props: AnalysisPageProps) {
  const { round, query, result, report } = await readAnalysisView(
    props,
    (query) => query.get("submission") || undefined,
    ({ db, round, input }) => hyperparametersOf(db, { round, submission: input }),
    { withPool: false },
  );
  const submission = query.get("submission") || undefined;
  return (
    <AnalysisSection
      view="hyperparameters"
      title="Hyperparameter sensitivity"
      intro={
        <>
          How much the result depends on the tuning. Over all trials of all studies of a workload: the best, median and worst time-to-target (a miss counts as
          +∞), and the spread = median ÷ best. A submission&apos;s sensitivity is the median of its spreads over workloads: 1× means a typical trial is as fast
          as the best one.
        </>
      }
    >
      <form
        method="get"
        action={routes.analysis(round, undefined, undefined, "hyperparameters")}
        className="flex flex-wrap items-end gap-3 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
        data-form="hyperparameters"
      >
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">Submission</span>
          <select name="submission" defaultValue={report?.submission ?? submission ?? ""} className={INPUT}>
            {(report?.ranking ?? []).map((r) => (
              <option key={r.submission} value={r.submission}>
                {r.displayName}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton>Show</SubmitButton>
      </form>
      {!result.ok && <Notice tone="error" title={result.error.message} />}
      {report && (
        <>
          <Ranking report={report} round={round} />
          <Spread report={report} />
          <Scatters report={report} />
          <JsonLink round={round} endpoint="hyperparameters" params={new URLSearchParams({ submission: report.submission })} />
        </>
      )}
    </AnalysisSection>
  );
}

function Ranking({ report, round }: { report: HyperparameterReport; round: string }) {
  return (
    <ScrollRegion label="Sensitivity ranking">
      <table className="w-full text-sm" data-table="hparam-ranking">
        <caption className="pb-2 text-left text-xs text-zinc-500">
          Every submission of the round by sensitivity, least sensitive first (no hit on any workload: last).
        </caption>
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-1 text-right">
              #
            </th>
            <th scope="col" className="px-2">
              Submission
            </th>
            <th scope="col" className="text-right">
              Sensitivity (median ÷ best)
            </th>
            <th scope="col" className="text-right">
              Trials with hyperparameters
            </th>
          </tr>
        </thead>
        <tbody>
          {report.ranking.map((r, i) => (
            <tr
              key={r.submission}
              data-row={r.submission}
              aria-current={r.submission === report.submission ? "true" : undefined}
              className={`border-t border-zinc-100 dark:border-zinc-800 ${r.submission === report.submission ? "font-semibold" : ""}`}
            >
              <td className="num py-1 text-right">{i + 1}</td>
              <td className="px-2 whitespace-nowrap">
                <Link
                  href={`/analysis/${encodeURIComponent(round)}/hyperparameters?submission=${encodeURIComponent(r.submission)}`}
                  prefetch={false}
                  className="text-sky-700 hover:underline dark:text-sky-400"
                >
                  {r.displayName}
                </Link>
              </td>
              <td className="num text-right" data-sensitivity={r.sensitivity}>
                {spreadText(r.sensitivity)}
              </td>
              <td className="num text-right">{r.withHyperparameters}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Spread({ report }: { report: HyperparameterReport }) {
  const seconds = report.timeBasis === "seconds";
  const t = (v: number) => fixed(v, seconds ? 0 : 3);
  return (
    <div className="space-y-2">
      <h3 className="text-base font-semibold">
        {report.displayName}: sensitivity {spreadText(report.sensitivity)}
      </h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-hardware>
        Hardware: {report.hardware.join("; ")}. Times in {seconds ? "seconds" : "fractions of the workload budget"}.
      </p>
      <ScrollRegion label="Spread of time-to-target per workload">
        <table className="w-full text-sm" data-table="hparam-spread">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th scope="col" className="py-1">
                Workload
              </th>
              <th scope="col" className="text-right">
                Trials
              </th>
              <th scope="col" className="text-right">
                Best
              </th>
              <th scope="col" className="text-right">
                Median
              </th>
              <th scope="col" className="text-right">
                Worst
              </th>
              <th scope="col" className="text-right">
                Spread
              </th>
              <th scope="col" className="px-2">
                Hardware
              </th>
            </tr>
          </thead>
          <tbody>
            {report.workloads.map((w) => (
              <tr key={w.workload} data-row={w.workload} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1">{w.workload}</td>
                <td className="num text-right">{w.trials}</td>
                <td className="num text-right">{t(w.best)}</td>
                <td className="num text-right">{t(w.median)}</td>
                <td className="num text-right">{t(w.worst)}</td>
                <td className="num text-right">{spreadText(w.spread)}</td>
                <td className="px-2 text-xs">{report.hardware.join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

function Scatters({ report }: { report: HyperparameterReport }) {
  if (!report.available)
    return (
      <Notice tone="info">
        {report.message}. The scatter plots need the trials&apos; hyperparameters: upload the runs with their hparams.json (see docs/uploading.md).
      </Notice>
    );
  const seconds = report.timeBasis === "seconds";
  const withAxes = report.workloads.filter((w) => w.axes.length > 0);
  if (withAxes.length === 0) return <Notice tone="info">No hyperparameter varies across the trials of any workload.</Notice>;
  return (
    <div className="space-y-4" data-section="hparam-scatters">
      <h3 className="text-base font-semibold">Time-to-target against each hyperparameter that varies</h3>
      {withAxes.map((w, i) => (
        <figure key={w.workload} className="space-y-2" data-workload={w.workload}>
          <figcaption className="text-sm font-medium">
            {w.workload} <span className="text-xs font-normal text-zinc-500">({report.hardware.join("; ")}; × at the top = missed the target)</span>
          </figcaption>
          <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            {w.axes.map((a) => (
              <HparamScatter
                key={a.name}
                axis={a}
                color={seriesColor(i)}
                title={`${w.workload}: time-to-target against ${a.name}`}
                timeLabel={seconds ? "time (s)" : "time (fraction)"}
                timeFormat={seconds ? ",.0f" : ".2f"}
              />
            ))}
          </div>
        </figure>
      ))}
    </div>
  );
}
