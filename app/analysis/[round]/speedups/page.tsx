import { percent } from "@/components/analysis/format";
import { PoolControls } from "@/components/analysis/pool-form";
import { SpeedupHeatmap } from "@/components/charts/speedup-heatmap";
import { formatSpeedup } from "@/components/compare/format";
import { speedupsOfPool } from "@/lib/server/services/analysis-compare";
import { parseSpeedupParams } from "@/lib/server/schemas/analysis-compare";
import { JsonLink } from "../../json-link";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { pooled, readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Speedup matrix" };

export default async function SpeedupsPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name } = await readAnalysisView(props, parseSpeedupParams, pooled(speedupsOfPool));
  const compareHref = (a: string, b: string) => {
    const q = new URLSearchParams({ round, a, b });
    if (query.get("pool")) q.set("pool", query.get("pool")!);
    return `/compare?${q.toString()}`;
  };
  return (
    <AnalysisSection
      view="speedups"
      title="Speedup matrix"
      intro={
        <>
          How much faster is each submission (row) than each other (column)? Every cell is the geometric-mean speedup of the row over the column: above 1
          (purple) the row is faster, below 1 (orange) the column is. Rows and columns are ordered by score; hover a cell for its 95% bootstrap interval, click
          a name for its page.
        </>
      }
      method={
        report && (
          <>
            <p className="mt-1">{report.method.convention}</p>
            <p className="mt-1">{report.method.intervalMethod}</p>
          </>
        )
      }
    >
      <PoolControls view="speedups" state={controls} mixed={report?.mixed} resample={{ method: report?.method }} />
      {report && (
        <>
          <p className="text-xs text-zinc-500" data-settings>
            {report.members.length} submissions · seed {report.method.seed} · {report.method.resamples.toLocaleString("en-US")} resamples
            {report.resampled ? "" : " · one study per cell: no intervals"}
          </p>
          <SpeedupHeatmap
            title={`Geometric-mean speedup of every pair of the pool, ${report.round.name}`}
            members={report.members.map((m) => ({
              key: m.key,
              label: name(m.key),
              href: `/rounds/${encodeURIComponent(round)}/submissions/${encodeURIComponent(m.key)}`,
            }))}
            matrix={report.matrix}
          />
          <details>
            <summary className="cursor-pointer text-sm">Every pair as a table</summary>
            <div className="overflow-x-auto">
              <table className="mt-2 w-full text-sm" data-table="speedups">
                <TableHead cellClassName="text-right" columns={[{ label: "A" }, { label: "B" }, "Speedup of A over B", "95% interval", "A faster"]} />
                <tbody>
                  {report.members.flatMap((a, i) =>
                    report.members.slice(i + 1).map((b, k) => {
                      const p = report.matrix[i]![i + 1 + k]!;
                      return (
                        <tr key={`${a.key}|${b.key}`} className="border-t border-zinc-100 dark:border-zinc-800">
                          <td>{name(a.key)}</td>
                          <td>{name(b.key)}</td>
                          <td className="num text-right">
                            <a className="underline" href={compareHref(a.key, b.key)}>
                              {formatSpeedup(p.speedup)}
                            </a>
                          </td>
                          <td className="num text-right">{p.interval ? `${formatSpeedup(p.interval[0])}–${formatSpeedup(p.interval[1])}` : "–"}</td>
                          <td className="num text-right">{percent(p.aFaster)}</td>
                        </tr>
                      );
                    }),
                  )}
                </tbody>
              </table>
            </div>
          </details>
          <JsonLink round={round} endpoint="speedups" params={query} />
        </>
      )}
    </AnalysisSection>
  );
}
