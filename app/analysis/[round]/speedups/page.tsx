import { percent } from "@/components/analysis/format";
import { NumberField, PoolForm } from "@/components/analysis/pool-form";
import { Notice } from "@/components/ui/notice";
import { toSearchParams } from "@/components/analysis/views";
import { SpeedupHeatmap } from "@/components/charts/speedup-heatmap";
import { formatSpeedup } from "@/components/compare/format";
import { db } from "@/lib/db/client";
import { speedupsOfPool } from "@/lib/server/services/analysis-compare";
import { parseSpeedupParams } from "@/lib/server/schemas/analysis-compare";
import { pageResult } from "@/lib/server/page-result";
import { JsonLink } from "../../json-link";
import { routes } from "@/lib/views/routes";

export const dynamic = "force-dynamic";
export const metadata = { title: "Speedup matrix" };

export default async function SpeedupsPage({ params, searchParams }: { params: Promise<{ round: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { round } = await params;
  const query = toSearchParams(await searchParams);
  const result = await pageResult(() => {
    const { query: scoreQuery, options } = parseSpeedupParams(query);
    return speedupsOfPool(db(), { round, query: scoreQuery, ...options });
  });
  const report = result.ok ? result.value : null;
  const name = (key: string) => report?.displayNames[key] ?? key;
  const compareHref = (a: string, b: string) => {
    const q = new URLSearchParams({ round, a, b });
    if (query.get("pool")) q.set("pool", query.get("pool")!);
    return `/compare?${q.toString()}`;
  };
  return (
    <section aria-labelledby="view-title" className="space-y-5" data-view="speedups">
      <div>
        <h2 id="view-title" className="text-lg font-semibold">
          Speedup matrix
        </h2>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          How much faster is each submission (row) than each other (column)? Every cell is the geometric-mean speedup of the row over the column: above 1 (purple) the row is faster,
          below 1 (orange) the column is. Rows and columns are ordered by score; hover a cell for its 95% bootstrap interval, click a name for its page.
        </p>
        {report && (
          <details className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            <summary className="cursor-pointer">How this is computed</summary>
            <p className="mt-1">{report.method.convention}</p>
            <p className="mt-1">{report.method.intervalMethod}</p>
          </details>
        )}
      </div>
      <PoolForm action={routes.analysis(round, undefined, undefined, "speedups")} params={query}>
        <NumberField name="seed" label="Seed" value={query.get("seed") ?? report?.method.seed ?? 1} min={0} step={1} />
        <NumberField name="resamples" label="Resamples" value={query.get("resamples") ?? report?.method.resamples ?? 1000} min={10} max={10000} step={1} />
      </PoolForm>
      {!result.ok && <Notice tone="error" title={result.error.message} />}
      {report && (
        <>
          <p className="text-xs text-zinc-500" data-settings>
            {report.members.length} submissions · seed {report.method.seed} · {report.method.resamples.toLocaleString("en-US")} resamples{report.resampled ? "" : " · one study per cell: no intervals"}
          </p>
          <SpeedupHeatmap
            title={`Geometric-mean speedup of every pair of the pool, ${report.round.name}`}
            members={report.members.map((m) => ({ key: m.key, label: name(m.key), href: `/rounds/${encodeURIComponent(round)}/submissions/${encodeURIComponent(m.key)}` }))}
            matrix={report.matrix}
          />
          <details>
            <summary className="cursor-pointer text-sm">Every pair as a table</summary>
            <div className="overflow-x-auto">
              <table className="mt-2 w-full text-sm" data-table="speedups">
                <thead className="text-left text-xs text-zinc-500">
                  <tr>
                    <th scope="col">A</th>
                    <th scope="col">B</th>
                    <th scope="col" className="text-right">Speedup of A over B</th>
                    <th scope="col" className="text-right">95% interval</th>
                    <th scope="col" className="text-right">A faster</th>
                  </tr>
                </thead>
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
    </section>
  );
}
