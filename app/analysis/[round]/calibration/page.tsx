import { fixed, percent } from "@/components/analysis/format";
import { NumberField, PoolControls } from "@/components/analysis/pool-form";
import { SortableTable } from "@/components/analysis/sortable-table";
import { seriesColor } from "@/lib/views/palette";
import { ScatterChart } from "@/components/charts/scatter-chart";
import { SeriesHighlight } from "@/components/charts/series-highlight";
import { calibrationOfPool } from "@/lib/server/services/analysis-calibration";
import { parseCalibrationParams } from "@/lib/server/schemas/analysis-calibration";
import { JsonLink } from "../../json-link";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Calibration" };

export default async function CalibrationPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name, digits } = await readAnalysisView(props, parseCalibrationParams, ({ db, round, input }) =>
    calibrationOfPool(db, round, input.query, input.k),
  );
  const seconds = report?.round.timeBasis === "seconds";
  const time = (t: number) => (seconds ? `${fixed(t, 0)} s` : fixed(t, 3));
  const algorithms = [...new Set((report?.rows ?? []).map((r) => r.baseAlgorithm ?? name(r.name)))];
  const color = (r: { baseAlgorithm: string | null; name: string }) => seriesColor(algorithms.indexOf(r.baseAlgorithm ?? name(r.name)));
  return (
    <AnalysisSection
      view="calibration"
      title="Calibration"
      intro={
        <>
          Which configurations would a calibration search pick? The paper ranks candidate configurations by the geometric mean of their time-to-target across
          workloads, a missed target counted as the budget plus one unit. Smaller is better; it does not depend on the pool. Filled points are each algorithm
          and horizon&apos;s pick.
        </>
      }
    >
      <PoolControls view="calibration" state={controls} mixed={report?.mixed}>
        <NumberField name="k" label="Top k per algorithm × horizon" value={query.get("k") ?? report?.k ?? 3} min={1} max={50} step={1} />
      </PoolControls>
      {report && (
        <>
          <p className="text-xs text-zinc-500">
            {report.metric} Scores: {report.settings.mode}.
          </p>
          <SeriesHighlight
            id="calibration"
            legendLabel="Highlight an algorithm"
            legend={algorithms.map((a, i) => ({ key: a, label: a, color: seriesColor(i) }))}
          >
            <ScatterChart
              title="Selection metric against benchmark score, one point per configuration"
              description="The same numbers are in the table below."
              xLabel={`Geometric-mean time-to-target (${seconds ? "s" : "fraction of the budget"}, log scale)`}
              yLabel="Benchmark score"
              yFormat={`.2f`}
              points={report.rows.map((r) => ({
                key: r.name,
                label: name(r.name),
                series: r.baseAlgorithm ?? name(r.name),
                color: color(r),
                x: r.geometricMeanTime,
                y: r.score,
                emphasis: r.groupRank === 1,
              }))}
            />
          </SeriesHighlight>
          <div className="grid gap-6 lg:grid-cols-3">
            <CaptionedTable
              id="calibration-groups"
              label="Calibration groups"
              caption={<>Top {report.k} per algorithm and horizon by the selection metric (as Appendix C lists the baselines&apos; candidates).</>}
              className="w-full text-sm [&_td]:pr-3 [&_th]:pr-3"
              regionClassName="self-start lg:col-span-2"
            >
              <TableHead
                columns={[
                  { label: "Algorithm", className: "py-1" },
                  "Horizon",
                  { label: <>Top {report.k}</> },
                  "Marked selection",
                  "Metric agrees",
                  { label: "Most targets", className: "text-right" },
                ]}
              />
              <tbody>
                {report.groups.map((g) => (
                  <tr
                    key={`${g.baseAlgorithm}-${g.horizon}-${g.members[0]}`}
                    data-group={`${g.baseAlgorithm ?? g.members[0]}@${g.horizon ?? "none"}`}
                    className="border-t border-zinc-100 align-top dark:border-zinc-800"
                  >
                    <td className="py-1">{g.baseAlgorithm ?? name(g.members[0]!)}</td>
                    <td className="num">{percent(g.horizon)}</td>
                    <td className="text-xs">{g.top.map(name).join(" › ")}</td>
                    <td className="text-xs">{g.selected ? name(g.selected) : "–"}</td>
                    <td>{g.agrees === null ? "–" : g.agrees ? "yes" : "no"}</td>
                    <td className="num text-right">{g.maxTargetsReached}</td>
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
            <CaptionedTable
              id="calibration-algorithms"
              label="Calibration by algorithm"
              caption="Most targets any configuration of an algorithm reached (the question of Appendix D)."
              className="w-full text-sm [&_td]:pr-3 [&_th]:pr-3"
              regionClassName="self-start"
            >
              <TableHead cellClassName="text-right" columns={[{ label: "Algorithm", className: "py-1" }, "Configurations", "Max targets"]} />
              <tbody>
                {report.algorithms.map((a) => (
                  <tr key={a.baseAlgorithm} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className="py-1">{a.baseAlgorithm}</td>
                    <td className="num text-right">{a.configurations}</td>
                    <td className="num text-right">{a.maxTargetsReached}</td>
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
          </div>
          <SortableTable
            caption="Every configuration. Highlighted: within the top k of its algorithm and horizon."
            initialSort="gmean"
            columns={[
              { key: "name", label: "Configuration" },
              { key: "algorithm", label: "Algorithm" },
              { key: "horizon", label: "Horizon", numeric: true },
              { key: "searchRank", label: "Search rank", numeric: true, description: "Rank in the search it came from (the paper's Appendix E index)" },
              { key: "gmean", label: "Geo. mean time", numeric: true, description: "The selection metric; smaller is better" },
              { key: "groupRank", label: "Pick #", numeric: true, description: "Position by the selection metric within its algorithm and horizon" },
              { key: "reached", label: "Targets reached", numeric: true },
              { key: "hit", label: "Targets scored", numeric: true, description: "Targets that count in the score (after the held-out and 4x rules)" },
              { key: "score", label: "Score", numeric: true },
              { key: "rank", label: "Rank", numeric: true },
              { key: "selected", label: "Marked" },
            ]}
            rows={report.rows.map((r) => ({
              key: r.name,
              emphasis: r.inTopK,
              cells: {
                name: { text: name(r.name), sort: name(r.name) },
                algorithm: { text: r.baseAlgorithm ?? "–", sort: r.baseAlgorithm },
                horizon: { text: percent(r.horizon), sort: r.horizon },
                searchRank: { text: r.searchRank === null ? "–" : String(r.searchRank), sort: r.searchRank },
                gmean: { text: time(r.geometricMeanTime), sort: Number.isNaN(r.geometricMeanTime) ? null : r.geometricMeanTime },
                groupRank: { text: String(r.groupRank), sort: r.groupRank },
                reached: { text: String(r.targetsReached), sort: r.targetsReached },
                hit: { text: String(r.targetsHit), sort: r.targetsHit },
                score: { text: fixed(r.score, digits), sort: Number.isNaN(r.score) ? null : r.score },
                rank: { text: String(r.rank), sort: r.rank },
                selected: { text: r.selected ? "Table 6" : "", sort: r.selected ? 0 : 1 },
              },
            }))}
          />
        </>
      )}
      {report && <JsonLink round={round} endpoint="calibration" params={query} />}
    </AnalysisSection>
  );
}
