import { fixed } from "@/components/analysis/format";
import { NumberField, PoolControls } from "@/components/analysis/pool-form";
import { BumpChart } from "@/components/charts/bump-chart";
import { seriesColor } from "@/lib/views/palette";
import { SeriesHighlight } from "@/components/charts/series-highlight";
import { TAU_SWEEP_DEFAULTS } from "@/lib/scoring/analysis";
import { tauSensitivityOfPool } from "@/lib/server/services/analysis-tau";
import { parseTauParams } from "@/lib/server/schemas/analysis-tau";
import { JsonLink } from "../../json-link";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tau sensitivity" };

export default async function TauPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name, digits } = await readAnalysisView(props, parseTauParams, ({ db, round, input }) =>
    tauSensitivityOfPool(db, round, input.query, input.sweep),
  );
  const leaderChanges = report ? report.leaders.filter((l, i) => i > 0 && l.join() !== report.leaders[i - 1]!.join()).length : 0;
  return (
    <AnalysisSection
      view="tau"
      title="Tau sensitivity"
      intro={
        <>
          The score integrates the performance profile up to tau max = 4, a choice that looks like a plot setting but defines the ranking. Each line is a
          submission&apos;s rank as tau max varies: crossing lines mean the order depends on how much a slower-but-solved workload is worth. A small tau max
          rewards being fastest; a large one rewards solving more workloads. The 4x filter does not move with tau, so ratios above 4 never count.
        </>
      }
    >
      <PoolControls view="tau" state={controls} mixed={report?.mixed} hide={["tauMax"]}>
        <NumberField name="from" label="tau max from" value={query.get("from") ?? TAU_SWEEP_DEFAULTS.from} min={1.01} step="any" />
        <NumberField name="to" label="to" value={query.get("to") ?? TAU_SWEEP_DEFAULTS.to} min={1.01} step="any" />
        <NumberField name="steps" label="steps" value={query.get("steps") ?? TAU_SWEEP_DEFAULTS.steps} min={2} max={100} step={1} />
      </PoolControls>
      {report && (
        <>
          <p className="text-sm" data-summary>
            The ranking changes between {report.rankingChanges} of the {report.taus.length - 1} consecutive steps;{" "}
            {leaderChanges === 0
              ? `the leader stays ${report.leaders[0]!.map(name).join(" and ")}.`
              : `the leader changes ${leaderChanges} time${leaderChanges > 1 ? "s" : ""}.`}
          </p>
          <p className="text-xs text-zinc-500">{report.settings.mode.replace(/tau in \[[^\]]*\]/, "tau max swept")}</p>
          <SeriesHighlight
            id="tau"
            legendLabel="Highlight a submission"
            legend={report.series.map((s, i) => ({ key: s.key, label: name(s.key), color: seriesColor(i) }))}
          >
            <BumpChart
              title="Rank of every submission as tau max varies"
              description="The same numbers are in the table below."
              xLabel="tau max (upper end of the integrated profile)"
              xs={report.taus}
              series={report.series.map((s, i) => ({ key: s.key, label: name(s.key), color: seriesColor(i), ranks: s.ranks }))}
            />
          </SeriesHighlight>
          <CaptionedTable id="tau" label="Ranks at each tau max" caption="Rank (and score) at each tau max; best and worst rank over the sweep.">
            <TableHead
              columns={[
                { label: "Submission", className: "py-1" },
                ...report.taus.map((t) => ({ label: fixed(t, 2), className: "text-right" })),
                { label: "Best–worst", className: "pl-3 text-right" },
              ]}
            />
            <tbody>
              {report.series.map((s) => (
                <tr key={s.key} data-row={s.key} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1 whitespace-nowrap">{name(s.key)}</td>
                  {s.ranks.map((r, i) => (
                    <td key={i} className="num text-right" title={`score ${fixed(s.scores[i], digits)}`}>
                      {r}
                    </td>
                  ))}
                  <td className="num pl-3 text-right">{s.bestRank === s.worstRank ? s.bestRank : `${s.bestRank}–${s.worstRank}`}</td>
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
        </>
      )}
      {report && <JsonLink round={round} endpoint="tau-sensitivity" params={query} />}
    </AnalysisSection>
  );
}
