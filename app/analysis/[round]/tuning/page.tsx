import { fixed } from "@/components/analysis/format";
import { PoolControls } from "@/components/analysis/pool-form";
import { INPUT } from "@/components/ui/form-controls";
import { Notice } from "@/components/ui/notice";
import { seriesColor } from "@/lib/views/palette";
import { LineChart } from "@/components/charts/line-chart";
import { SeriesHighlight } from "@/components/charts/series-highlight";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { tuningOfPool } from "@/lib/server/services/analysis-tuning";
import { parseTuningParams } from "@/lib/server/schemas/analysis-tuning";
import { JsonLink } from "../../json-link";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { pooled, readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tuning budget" };

export default async function TuningPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name, digits } = await readAnalysisView(props, parseTuningParams, pooled(tuningOfPool));
  const color = (key: string) => seriesColor(report ? report.series.findIndex((s) => s.key === key) : 0);
  return (
    <AnalysisSection
      view="tuning"
      title="Tuning budget"
      intro={
        <>
          What a result cost in tuning trials. At budget k every study keeps the expected best of k of its trials, drawn at random without replacement (computed
          exactly over all subsets; the best trial by the official rule, a study with a k-subset that misses counts as a miss), the workload time is the median
          over studies, and the pool is scored as usual. At the full budget this is the leaderboard. A member with fewer trials (self-tuning: 1) keeps all of
          them.
        </>
      }
    >
      <PoolControls view="tuning" state={controls} mixed={report?.mixed}>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">Baseline restricted to k trials</span>
          <select name="baseline" defaultValue={report?.baseline ?? query.get("baseline") ?? ""} className={INPUT}>
            {!report?.baseline && <option value="">none</option>}
            {(report?.pool ?? []).map((k) => (
              <option key={k} value={k}>
                {name(k)}
              </option>
            ))}
          </select>
        </label>
      </PoolControls>
      {report && new Set(Object.values(report.hardware).flat()).size > 1 && (
        <Notice tone="info">
          <span data-mixed-hardware>
            Mixed hardware: the pool&apos;s trials ran on {[...new Set(Object.values(report.hardware).flat())].sort().join("; ")}. Times on different hardware
            are not like for like.
          </span>
        </Notice>
      )}
      {report && (
        <>
          <SeriesHighlight
            id="tuning"
            legendLabel="Highlight a submission"
            legend={report.series.map((s) => ({ key: s.key, label: name(s.key), color: color(s.key) }))}
          >
            <LineChart
              title="Score of every submission when every member runs k trials per study"
              description="The same numbers are in the table below."
              xLabel="tuning budget k (trials per study)"
              yLabel="Score"
              xs={report.ks}
              series={report.series.map((s) => ({ key: s.key, label: name(s.key), color: color(s.key), values: s.scores, dashed: s.key === report.baseline }))}
            />
          </SeriesHighlight>
          <CaptionedTable
            id="tuning"
            label="Score at every tuning budget k"
            caption={<>Score with every member at budget k (k beyond a member&apos;s trials = its full budget).</>}
          >
            <TableHead
              columns={[
                { label: "Submission", className: "py-1" },
                { label: "Hardware", className: "px-2" },
                { label: "Trials", className: "text-right" },
                ...report.ks.map((k) => ({ label: <>k = {k}</>, className: "text-right" })),
              ]}
            />
            <tbody>
              {report.series.map((s) => (
                <tr key={s.key} data-row={s.key} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1 whitespace-nowrap">{name(s.key)}</td>
                  <td className="px-2 text-xs" data-field="hardware">
                    {(report.hardware[s.key] ?? []).join("; ")}
                  </td>
                  <td className="num text-right">{s.budget}</td>
                  {s.scores.map((v, i) => (
                    <td key={i} className="num text-right">
                      {fixed(v, digits)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
          <BaselineAnswers report={report} name={name} digits={digits} />
          <WorkloadCurves report={report} name={name} color={color} />
        </>
      )}
      {report && <JsonLink round={round} endpoint="tuning" params={query} />}
    </AnalysisSection>
  );
}

type Report = Awaited<ReturnType<typeof tuningOfPool>>;

function BaselineAnswers({ report, name, digits }: { report: Report; name: (k: string) => string; digits: number }) {
  if (!report.baseline)
    return <Notice tone="info">Choose a baseline to see from which k it beats each submission (the pool has no submission named &quot;baseline&quot;).</Notice>;
  const b = name(report.baseline);
  return (
    <ScrollRegion label={`Does a submission beat ${b} tuned with k trials?`}>
      <h3 className="text-base font-semibold">Does a submission beat {b} tuned with k trials?</h3>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Only {b} is restricted to k trials per study; every other member keeps its full budget, in the same pool. The answer is the smallest k at which {b}{" "}
        scores above the submission.
      </p>
      <table className="w-full text-sm" data-table="tuning-answers">
        <TableHead
          columns={[
            { label: "Submission (full budget)", className: "py-1" },
            { label: <>Smallest k at which {b} scores above it</> },
            ...report.ks.map((k) => ({ label: <>k = {k}</>, className: "text-right" })),
          ]}
        />
        <tbody>
          {report.answers.map((a) => (
            <tr key={a.key} data-row={a.key} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1 whitespace-nowrap">{name(a.key)}</td>
              <td data-answer={a.smallestK ?? "none"}>
                {a.smallestK === null ? `no k does: ${name(a.key)} beats ${b} at every budget` : `k = ${a.smallestK}`}
              </td>
              {a.scores.map((v, i) => (
                <td key={i} className="num text-right" title={`${b} at k = ${report.ks[i]}: ${fixed(a.referenceScores[i], digits)}`}>
                  {fixed(a.referenceScores[i], digits)} vs {fixed(v, digits)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function WorkloadCurves({ report, name, color }: { report: Report; name: (k: string) => string; color: (k: string) => string }) {
  const unit = report.round.timeBasis === "seconds" ? "s" : "fraction of the budget";
  return (
    <div className="space-y-4" data-section="workload-curves">
      <h3 className="text-base font-semibold">Expected time-to-target vs k, per workload</h3>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        The median over studies of the expected time-to-target of the trial the official rule picks among k (the workload time at budget k; at the full budget,
        the leaderboard&apos;s). A missing point means some k-subset of a median study misses the target (expected time +inf); the JSON has the interval over
        studies and the probability that k trials hit. The rule picks the trial that reached the target at the smallest eval index, not the fastest one
        (docs/scoring.md §2.2), so this time can rise with k; the expected eval index of the picked trial, in the table below the charts, never does. Each
        submission&apos;s hardware is in the table above: times on different hardware classes are not like for like.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {[...new Set(report.series.flatMap((s) => s.curves.map((c) => c.workload)))].map((w) => (
          <LineChart
            key={w}
            title={`${w}: expected time-to-target (${unit}) vs k`}
            xLabel="k"
            yLabel={`time (${unit})`}
            yFormat={report.round.timeBasis === "seconds" ? ",.0f" : ".2f"}
            width={640}
            height={300}
            xs={report.ks}
            series={report.series.map((s) => ({
              key: s.key,
              label: name(s.key),
              color: color(s.key),
              values: s.curves.find((c) => c.workload === w)?.median ?? [],
            }))}
          />
        ))}
      </div>
      <EvalIndexTable report={report} name={name} />
    </div>
  );
}

/** The monotone companion of the time curves: per workload and member, the expected first-hit eval index of the picked trial at every k. */
function EvalIndexTable({ report, name }: { report: Report; name: (k: string) => string }) {
  const workloads = [...new Set(report.series.flatMap((s) => s.curves.map((c) => c.workload)))];
  return (
    <ScrollRegion label="Expected eval index of the picked trial vs k">
      <table className="w-full text-sm" data-table="tuning-eval-index">
        <caption className="pb-2 text-left text-xs text-zinc-500">
          Expected eval index at which the trial the official rule picks among k reached the target (median over studies; ∞: some k-subset misses; –: no eval
          index stored). Non-increasing in k.
        </caption>
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-1">
              Workload
            </th>
            <th scope="col">Submission</th>
            {report.ks.map((k) => (
              <th key={k} scope="col" className="text-right">
                k = {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {workloads.flatMap((w) =>
            report.series.map((s) => {
              const curve = s.curves.find((c) => c.workload === w);
              return (
                <tr key={`${w}|${s.key}`} data-row={`${w}|${s.key}`} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1 whitespace-nowrap">{w}</td>
                  <td className="whitespace-nowrap">{name(s.key)}</td>
                  {report.ks.map((k, i) => (
                    <td key={k} className="num text-right">
                      {curve ? fixed(curve.expectedEvalIndex[i], 1) : "–"}
                    </td>
                  ))}
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
