// /analysis/<round>/hyperparameters?submission=<slug>: hyperparameter sensitivity
// (issue 17, docs/analysis-tuning.md "Hyperparameter sensitivity"). The
// round's submissions ranked by sensitivity, and for one of them the spread of
// its trials per workload and, for one workload at a time (`workload`), a
// scatter per varying hyperparameter: all workloads at once make a published
// submission's page ~100 charts (3 MB). The JSON has every workload.
import Link from "next/link";
import { fixed } from "@/components/analysis/format";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { HparamScatter } from "@/components/charts/hparam-scatter";
import { INPUT, SubmitButton } from "@/components/ui/form-controls";
import { Notice } from "@/components/ui/notice";
import { hyperparametersOf, type HyperparameterReport } from "@/lib/server/services/analysis-hyperparameters";
import { seriesColor } from "@/lib/views/palette";
import { routes } from "@/lib/views/routes";
import { JsonLink } from "../../json-link";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

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
          <Scatters report={report} round={round} workload={query.get("workload") || undefined} />
          <JsonLink round={round} endpoint="hyperparameters" params={new URLSearchParams({ submission: report.submission })} />
        </>
      )}
    </AnalysisSection>
  );
}

function Ranking({ report, round }: { report: HyperparameterReport; round: string }) {
  return (
    <CaptionedTable
      id="hparam-ranking"
      label="Sensitivity ranking"
      caption="Every submission of the round by sensitivity, least sensitive first (no hit on any workload: last)."
    >
      <TableHead
        cellClassName="text-right"
        columns={[
          { label: "#", className: "py-1 text-right" },
          { label: "Submission", className: "px-2" },
          "Sensitivity (median ÷ best)",
          "Trials with hyperparameters",
        ]}
      />
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
    </CaptionedTable>
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
      <CaptionedTable id="hparam-spread" label="Spread of time-to-target per workload">
        <TableHead
          cellClassName="text-right"
          columns={[{ label: "Workload", className: "py-1" }, "Trials", "Best", "Median", "Worst", "Spread", { label: "Hardware", className: "px-2" }]}
        />
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
      </CaptionedTable>
    </div>
  );
}

function Scatters({ report, round, workload }: { report: HyperparameterReport; round: string; workload?: string }) {
  if (!report.available)
    return (
      <Notice tone="info">
        {report.message}. The scatter plots need the trials&apos; hyperparameters: upload the runs with their hparams.json (see docs/uploading.md).
      </Notice>
    );
  const seconds = report.timeBasis === "seconds";
  const withAxes = report.workloads.filter((w) => w.axes.length > 0);
  if (withAxes.length === 0) return <Notice tone="info">No hyperparameter varies across the trials of any workload.</Notice>;
  const shown = withAxes.find((w) => w.workload === workload) ?? withAxes[0]!;
  const href = (w: string) =>
    `/analysis/${encodeURIComponent(round)}/hyperparameters?submission=${encodeURIComponent(report.submission)}&workload=${encodeURIComponent(w)}`;
  return (
    <div className="space-y-4" data-section="hparam-scatters">
      <h3 className="text-base font-semibold">Time-to-target against each hyperparameter that varies</h3>
      {workload !== undefined && workload !== shown.workload && (
        <Notice tone="info">
          No hyperparameter of {report.displayName} varies on a workload named &quot;{workload}&quot;: showing {shown.workload}.
        </Notice>
      )}
      <nav aria-label="Workload of the scatter plots" className="flex flex-wrap gap-x-3 gap-y-1 text-sm" data-nav="hparam-workloads">
        {withAxes.map((w) => (
          <Link
            key={w.workload}
            href={href(w.workload)}
            prefetch={false}
            aria-current={w === shown ? "page" : undefined}
            className={w === shown ? "font-semibold" : "text-sky-700 hover:underline dark:text-sky-400"}
          >
            {w.workload}
          </Link>
        ))}
      </nav>
      <figure className="space-y-2" data-workload={shown.workload}>
        <figcaption className="text-sm font-medium">
          {shown.workload} <span className="text-xs font-normal text-zinc-500">({report.hardware.join("; ")}; × at the top = missed the target)</span>
        </figcaption>
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {shown.axes.map((a) => (
            <HparamScatter
              key={a.name}
              axis={a}
              color={seriesColor(withAxes.indexOf(shown))}
              title={`${shown.workload}: time-to-target against ${a.name}`}
              timeLabel={seconds ? "time (s)" : "time (fraction)"}
              timeFormat={seconds ? ",.0f" : ".2f"}
            />
          ))}
        </div>
      </figure>
    </div>
  );
}
