import { fixed, percent } from "@/components/analysis/format";
import { PoolControls } from "@/components/analysis/pool-form";
import { PROFILE_SIZE, ProfilePlot } from "@/components/charts/profile-plot";
import { robustnessOfPool, ROBUSTNESS_METHOD, type RobustnessReport } from "@/lib/server/services/analysis-robustness";
import { parseRobustnessParams } from "@/lib/server/schemas/analysis-robustness";
import { formatScore } from "@/lib/views/format";
import { seriesStyle } from "@/lib/views/palette";
import { JsonLink } from "../../json-link";
import { routes } from "@/lib/views/routes";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { pooled, readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { RankedMemberCells } from "@/components/analysis/member-cells";
import { TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Workload-set robustness" };

const span = (r: [number, number] | null) => (r === null ? "–" : r[0] === r[1] ? String(r[0]) : `${r[0]}–${r[1]}`);

export default async function RobustnessPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name, digits } = await readAnalysisView(props, parseRobustnessParams, pooled(robustnessOfPool));
  return (
    <AnalysisSection
      view="robustness"
      title="Workload-set robustness"
      intro={
        <>
          With a handful of workloads, a ranking may rest on one of them. Each rank below is recomputed with every base workload left out in turn (the profile
          renormalised to the workloads left), and the workload set itself is resampled, beside the resampling of studies: which source of uncertainty separates
          two adjacent ranks?
        </>
      }
      method={
        <>
          <p className="mt-1">{ROBUSTNESS_METHOD}</p>
        </>
      }
    >
      <PoolControls view="robustness" state={controls} mixed={report?.mixed} resample={{ method: report?.method }} />
      {report && (
        <>
          <p className="text-xs text-zinc-500" data-settings>
            {report.settings.mode} · seed {report.method.seed} · {report.method.resamples.toLocaleString("en-US")} resamples of each kind
            {report.studiesResampled ? "" : " · one study per cell: the bootstrap over studies has nothing to resample"}
          </p>
          <div>
            <h3 className="text-sm font-semibold">Adjacent ranks: which source of uncertainty keeps them apart?</h3>
            <div className="overflow-x-auto">
              <table className="mt-1 w-full text-sm" data-table="pairs">
                <caption className="pb-1 text-left text-xs text-zinc-500">
                  Share of resamples in which the upper submission still scores strictly above the lower one, and the workloads whose removal changes their
                  order.
                </caption>
                <TableHead
                  cellClassName="text-right"
                  columns={[{ label: "Pair" }, "Kept, resampling studies", "Kept, resampling workloads", { label: "Order changes without", className: "pl-3" }]}
                />
                <tbody>
                  {report.pairs.map((p) => (
                    <tr key={`${p.upper}|${p.lower}`} data-pair={`${p.upper}|${p.lower}`} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-1">
                        {name(p.upper)} &gt; {name(p.lower)}
                      </td>
                      <td className="num text-right">{percent(p.keptByStudies)}</td>
                      <td className="num text-right">{percent(p.keptByWorkloads)}</td>
                      <td className="pl-3" data-field="changed-by">
                        {p.changedBy.length ? p.changedBy.join(", ") : "no single workload"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-table="robustness">
              <caption className="pb-1 text-left text-xs text-zinc-500">
                Rank and score in the full pool, rank with each base workload left out (changed ranks in bold), and 95% rank intervals under each bootstrap.
              </caption>
              <TableHead
                columns={[
                  "Rank",
                  "Submission",
                  { label: "Score", className: "text-right" },
                  ...report.workloads.map((w) => ({ label: `−${w}`, className: "px-1 text-right", title: `rank without ${w}` })),
                  { label: "Ranks, workloads", className: "pl-3 text-right" },
                  { label: "Ranks, studies", className: "text-right" },
                  { label: "Verdict", className: "pl-3" },
                ]}
              />
              <tbody>
                {report.submissions.map((m) => (
                  <tr key={m.key} data-row={m.key} className="border-t border-zinc-100 dark:border-zinc-800">
                    <RankedMemberCells rank={m.rank} name={name(m.key)} score={m.score} digits={digits} />
                    {report.workloads.map((w) => (
                      <td
                        key={w}
                        className={`num px-1 text-right ${m.leaveOut[w]!.rank !== m.rank ? "font-bold" : "text-zinc-500"}`}
                        title={`score without ${w}: ${fixed(m.leaveOut[w]!.score, digits)}`}
                      >
                        {m.leaveOut[w]!.rank}
                      </td>
                    ))}
                    <td className="num pl-3 text-right">{span(m.workloads.rankInterval)}</td>
                    <td className="num text-right">{span(m.studies.rankInterval)}</td>
                    <td className="pl-3 text-xs" data-field="verdict">
                      {m.verdict}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RenormalisedProfiles report={report} without={query.get("without")} round={round} query={query} digits={digits} />
          <JsonLink round={round} endpoint="robustness" params={new URLSearchParams([...query].filter(([k]) => k !== "without"))} />
        </>
      )}
    </AnalysisSection>
  );
}

/** The pool's profiles without one base workload (renormalised to the N - 1 left), on the scoring grid. */
function RenormalisedProfiles({
  report,
  without,
  round,
  query,
  digits,
}: {
  report: RobustnessReport;
  without: string | null;
  round: string;
  query: URLSearchParams;
  digits: number;
}) {
  const chosen = report.leaveOut.find((l) => l.workload === without) ?? report.leaveOut[0]!;
  const s = report.settings;
  const series = report.pool.map((key, i) => ({
    key,
    name: report.displayNames[key] ?? key,
    steps: chosen.tau.map((t, k) => [t, chosen.profiles[key]![k]!] as [number, number]),
    style: seriesStyle(i),
    score: formatScore(chosen.scores[key], digits),
  }));
  const link = (w: string) => {
    const q = new URLSearchParams(query);
    q.set("without", w);
    return `${routes.analysis(round, undefined, undefined, "robustness")}?${q.toString()}`;
  };
  return (
    <div className="space-y-2" data-section="renormalised">
      <h3 className="text-sm font-semibold">Profiles without {chosen.workload}</h3>
      <p className="flex flex-wrap gap-2 text-xs">
        {report.workloads.map((w) => (
          <a
            key={w}
            href={link(w)}
            className={w === chosen.workload ? "font-semibold" : "text-sky-700 underline dark:text-sky-400"}
            aria-current={w === chosen.workload ? "true" : undefined}
          >
            −{w}
          </a>
        ))}
      </p>
      <div className="max-w-4xl">
        <ProfilePlot
          id="renormalised-profiles"
          series={series}
          n={report.workloads.length - 1}
          geometry={{ ...PROFILE_SIZE, margin: { ...PROFILE_SIZE.margin }, tauMin: s.tauMin, tauMax: s.tauMax, axis: s.scale }}
          title={`Performance profiles of the pool without ${chosen.workload}, renormalised to ${report.workloads.length - 1} workloads`}
          description="rho(tau) on the scoring grid: the fraction of the remaining base workloads within a factor tau of the pool's best."
        />
      </div>
    </div>
  );
}
