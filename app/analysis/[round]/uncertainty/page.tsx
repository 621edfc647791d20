import { fixed } from "@/components/analysis/format";
import { PoolControls } from "@/components/analysis/pool-form";
import { Notice } from "@/components/ui/notice";
import { IntervalBars } from "@/components/charts/interval-bars";
import { TIE_TITLE, tieLetters } from "@/components/leaderboard/tie-column";
import { uncertaintyOfPool, UNCERTAINTY_METHOD } from "@/lib/server/services/analysis-uncertainty";
import { parseUncertaintyParams } from "@/lib/server/schemas/analysis-uncertainty";
import { JsonLink } from "../../json-link";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { RankedMemberCells } from "@/components/analysis/member-cells";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Uncertainty over studies" };

export default async function UncertaintyPage(props: AnalysisPageProps) {
  const { controls, round, query, report, name, digits } = await readAnalysisView(props, parseUncertaintyParams, ({ db, round, input }) =>
    uncertaintyOfPool(db, round, input.query, input.options),
  );
  return (
    <AnalysisSection
      view="uncertainty"
      title="Uncertainty over studies"
      intro={
        <>
          Is the gap between two scores real, or would other seeds have reversed it? Each bar is the 95% interval of a score when the studies (independent
          repetitions) behind every per-workload median are resampled and the whole pool is rescored with the official rules. Submissions sharing a letter are
          statistically tied.
        </>
      }
      method={
        <>
          <p className="mt-1">{UNCERTAINTY_METHOD}</p>
          <p className="mt-1">
            Two submissions are <em>tied</em> when they share a letter; the letters are the maximal groups whose intervals overlap (touching counts).
            Overlapping 95% intervals are a cautious, descriptive criterion, not a significance test; &ldquo;P(above next)&rdquo; is the share of resamples in
            which a submission scores strictly above the next one.
          </p>
        </>
      }
    >
      <PoolControls view="uncertainty" state={controls} mixed={report?.mixed} resample={{ method: report?.method }} />
      {report && (
        <>
          <p className="text-xs text-zinc-500" data-settings>
            {report.settings.mode} · seed {report.method.seed} · {report.method.resamples.toLocaleString("en-US")} resamples · {report.resampledCells} resampled
            cells
          </p>
          {!report.available && <Notice tone="info">{report.reason} The chart shows the point scores only.</Notice>}
          <IntervalBars
            title={`Benchmark scores with ${report.available ? "95% bootstrap intervals" : "no interval"}, ${report.round.name}`}
            description="The same numbers are in the table below."
            numberFormat={`.${digits}f`}
            rows={report.submissions.map((s) => ({ key: s.key, label: name(s.key), point: s.score, interval: s.interval, annotation: s.groups.join("") }))}
          />
          {report.available && (
            <div>
              <h3 className="text-sm font-semibold">Statistically tied groups</h3>
              <ul className="mt-1 space-y-0.5 text-sm" data-groups>
                {report.tiedGroups.map((g) => (
                  <li key={g.label} data-group={g.label}>
                    <span className="font-mono font-semibold">{g.label}</span>: {g.members.map(name).join(", ")}{" "}
                    <span className="text-xs text-zinc-500">
                      (common interval {fixed(g.overlap[0], digits)}–{fixed(g.overlap[1], digits)})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <CaptionedTable
            id="uncertainty"
            label="Intervals of every score and rank"
            caption="Point score and rank of the pool, with their 95% bootstrap intervals."
          >
            <TableHead
              cellClassName="text-right"
              columns={[
                { label: "Rank", className: "py-1" },
                { label: "Submission" },
                "Score",
                "95% interval",
                "Rank interval",
                { label: "Tied", className: "pl-3", title: TIE_TITLE },
                "P(above next)",
                "Studies",
              ]}
            />
            <tbody>
              {report.submissions.map((s) => (
                <tr key={s.key} data-row={s.key} className="border-t border-zinc-100 dark:border-zinc-800">
                  <RankedMemberCells rank={s.rank} name={name(s.key)} score={s.score} digits={digits} />
                  <td className="num text-right">{s.interval ? `${fixed(s.interval[0], digits)}–${fixed(s.interval[1], digits)}` : "no interval"}</td>
                  <td className="num text-right">
                    {s.rankInterval ? (s.rankInterval[0] === s.rankInterval[1] ? s.rankInterval[0] : `${s.rankInterval[0]}–${s.rankInterval[1]}`) : "–"}
                  </td>
                  <td className="pl-3 font-mono" data-field="tie">
                    {tieLetters(s.groups)}
                  </td>
                  <td className="num text-right">{s.aboveNext === null ? "–" : `${Math.round(s.aboveNext * 100)}%`}</td>
                  <td className="num text-right">{s.studies[0] === s.studies[1] ? s.studies[0] : `${s.studies[0]}–${s.studies[1]}`}</td>
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
          <JsonLink round={round} endpoint="uncertainty" params={query} />
        </>
      )}
    </AnalysisSection>
  );
}
