import Link from "next/link";
import { fixed, percent } from "@/components/analysis/format";
import { PoolControls } from "@/components/analysis/pool-form";
import { Notice } from "@/components/ui/notice";
import { seriesColor } from "@/lib/views/palette";
import { HorizonChart, type HorizonChartSeries } from "@/components/charts/horizon-chart";
import { SeriesHighlight } from "@/components/charts/series-highlight";
import { horizonOfPool } from "@/lib/server/services/analysis-horizon";
import { parseScoreParams } from "@/lib/server/schemas/scores";
import { JsonLink } from "../../json-link";
import { PAPER_ROUND, routes } from "@/lib/views/routes";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Training horizon" };

export default async function HorizonPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name, digits } = await readAnalysisView(props, parseScoreParams, ({ db, round, input }) =>
    horizonOfPool(db, round, input),
  );
  const chartSeries = (value: (p: { score: number; targetsHit: number }) => number): HorizonChartSeries[] =>
    (report?.series ?? []).map((s, i) => ({
      key: s.baseAlgorithm,
      label: s.baseAlgorithm,
      color: seriesColor(i),
      steps: s.steps.map((step) => {
        const values = step.configurations.map(value);
        return {
          horizon: step.horizon,
          value: value(step.selected ?? step.best),
          min: Math.min(...values),
          max: Math.max(...values),
          points: step.configurations.map((c) => ({ label: name(c.name), value: value(c), selected: c.selected })),
        };
      }),
    }));
  return (
    <AnalysisSection
      view="horizon"
      title="Training horizon"
      intro={
        <>
          The horizon (the fraction of the step budget at which the learning-rate schedule decays to zero) is fixed before training, so a
          &ldquo;hyperparameter-free&rdquo; method still needs it. Each line follows an algorithm&apos;s selected configuration across horizons (filled dots;
          the best-scoring one where none is marked); the bar behind it spans all its configurations at that horizon (open dots, e.g. the paper&apos;s top-3
          search ranks). Scores are those of the whole pool.
        </>
      }
    >
      <PoolControls view="horizon" state={controls} mixed={report?.mixed} />
      {report && report.series.length === 0 && (
        <Notice tone="info">
          No base algorithm in this pool was run at several training horizons, so there is nothing to compare.{" "}
          <Link href={routes.analysis(PAPER_ROUND, undefined, undefined, "horizon")} className="underline">
            The paper&apos;s round
          </Link>{" "}
          has AdamW, NadamW, Prodigy and Mechanic at 33%, 50% and 66%.
        </Notice>
      )}
      {report && report.series.length > 0 && (
        <>
          <p
            className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-100"
            data-summary
          >
            {report.summary} The best horizon depends on the algorithm, and a wrong choice costs up to{" "}
            {fixed(Math.max(...report.series.map((s) => s.scoreSwing)), digits)} in score.
          </p>
          <p className="text-xs text-zinc-500">{report.settings.mode}</p>
          <SeriesHighlight
            id="horizon"
            legendLabel="Highlight an algorithm"
            legend={report.series.map((s, i) => ({ key: s.baseAlgorithm, label: s.baseAlgorithm, color: seriesColor(i) }))}
          >
            <div className="grid gap-6 lg:grid-cols-2">
              <HorizonChart
                title="Benchmark score against the training horizon"
                description="The same numbers are in the table below."
                yLabel="Benchmark score"
                yDomain={[0, Math.max(0.1, ...report.series.flatMap((s) => s.steps.map((x) => x.maxScore)))]}
                yFormat=".2f"
                series={chartSeries((p) => p.score)}
              />
              <HorizonChart
                title="Targets hit against the training horizon"
                description="The same numbers are in the table below."
                yLabel={`Targets hit (of ${report.workloads})`}
                yDomain={[0, report.workloads]}
                yFormat="d"
                series={chartSeries((p) => p.targetsHit)}
              />
            </div>
          </SeriesHighlight>
          <CaptionedTable
            id="horizon"
            label="Score by horizon"
            caption="Per algorithm and horizon: the selected configuration and every configuration (search rank: score / targets hit)."
          >
            <TableHead
              cellClassName="text-right"
              columns={[
                { label: "Algorithm", className: "py-1" },
                { label: "Horizon" },
                { label: "Selected" },
                "Score",
                "Rank",
                "Targets hit",
                "Spread",
                { label: "All configurations", className: "pl-4" },
              ]}
            />
            <tbody>
              {report.series.flatMap((s) =>
                s.steps.map((step) => {
                  const shown = step.selected ?? step.best;
                  return (
                    <tr
                      key={`${s.baseAlgorithm}-${step.horizon}`}
                      data-row={`${s.baseAlgorithm}@${step.horizon}`}
                      className="border-t border-zinc-100 align-top dark:border-zinc-800"
                    >
                      <td className="py-1">{s.baseAlgorithm}</td>
                      <td className="num">
                        {percent(step.horizon)}
                        {step.horizon === s.bestHorizon ? " ★" : ""}
                      </td>
                      <td>{step.selected ? name(step.selected.name) : <span className="text-zinc-500">none marked; best: {name(step.best.name)}</span>}</td>
                      <td className="num text-right" data-score>
                        {fixed(shown.score, digits)}
                      </td>
                      <td className="num text-right">{shown.rank}</td>
                      <td className="num text-right">{shown.targetsHit}</td>
                      <td className="num text-right">
                        {fixed(step.minScore, digits)}–{fixed(step.maxScore, digits)}
                      </td>
                      <td className="pl-4 text-xs">
                        {step.configurations.map((c) => `${c.searchRank ?? "?"}: ${fixed(c.score, digits)} / ${c.targetsHit}`).join(" · ")}
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </CaptionedTable>
          <p className="text-xs text-zinc-500">★ the algorithm&apos;s best horizon.</p>
        </>
      )}
      {report && <JsonLink round={round} endpoint="horizon" params={query} />}
    </AnalysisSection>
  );
}
