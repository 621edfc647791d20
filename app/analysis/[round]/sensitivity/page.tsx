import { fixed, signed } from "@/components/analysis/format";
import { scoreDigits } from "@/lib/views/format";
import { PoolControls } from "@/components/analysis/pool-form";
import { INPUT } from "@/components/ui/form-controls";
import { SortableTable } from "@/components/analysis/sortable-table";
import { analysisViewHref } from "@/components/analysis/views";
import { ShiftChart } from "@/components/charts/shift-chart";
import { sensitivityOfPool, type LeaveOneOutReport, type SubjectReport } from "@/lib/server/services/analysis-sensitivity";
import { parseSensitivityParams } from "@/lib/server/schemas/analysis-sensitivity";
import { db } from "@/lib/db/client";
import { listRounds } from "@/lib/server/services/catalog";
import { JsonLink } from "../../json-link";
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Pool sensitivity" };

export default async function SensitivityPage(props: AnalysisPageProps) {
  const { controls, round, query, report } = await readAnalysisView(props, parseSensitivityParams, ({ db, round, input }) =>
    sensitivityOfPool(db, round, input.query, input.submission),
  );
  const submissions = (await listRounds(db())).find((r) => r.slug === round)?.submissions ?? [];
  const subject = query.get("submission") ?? "";
  return (
    <AnalysisSection
      view="sensitivity"
      title="Pool sensitivity"
      intro={
        <>
          Scores are ratios to the fastest time in the pool, so one member can move everyone else. Pick a submission to see every other score and rank with and
          without it (a submission outside the pool is added, as Schedule-Free AdamW in the paper&apos;s Appendix F), or leave the choice empty for the
          leave-one-out table of the whole pool.
        </>
      }
    >
      <PoolControls view="sensitivity" state={controls} mixed={report?.mixed}>
        <label className="flex max-w-full min-w-0 flex-col gap-1">
          <span className="text-xs text-zinc-500">Submission</span>
          <select name="submission" defaultValue={subject} className={`${INPUT} max-w-full`}>
            <option value="">— leave-one-out table —</option>
            {submissions.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.displayName}
                {s.inDefaultPool ? "" : " (outside the default pool)"}
              </option>
            ))}
          </select>
        </label>
      </PoolControls>
      {report?.view === "subject" && <SubjectView report={report} />}
      {report?.view === "leave-one-out" && <LeaveOneOutView report={report} round={round} query={query} />}
      {report && <JsonLink round={round} endpoint="sensitivity" params={query} />}
    </AnalysisSection>
  );
}

function SubjectView({ report }: { report: SubjectReport }) {
  const digits = scoreDigits(report.round.timeBasis);
  const name = (key: string) => report.displayNames[key] ?? key;
  const s = report.summary;
  const subject = name(report.subject.key);
  return (
    <>
      <p className="text-sm" data-summary>
        {report.subject.inPool ? "Removing" : "Adding"} <strong>{subject}</strong> ({report.subject.inPool ? "in" : "outside"} the pool; with it, it ranks{" "}
        {report.subject.rankWith} with {fixed(report.subject.scoreWith, digits)}) changes the other {report.rows.length} scores by{" "}
        {fixed(s.meanAbsDelta, digits)} on average and by up to {fixed(s.maxAbsDelta, digits)}
        {s.maxAbsDeltaKey ? ` (${name(s.maxAbsDeltaKey)})` : ""}; {s.orderChanges} of them change place among the others (at most {s.maxRankShift}).
      </p>
      <p className="text-xs text-zinc-500">{report.settings.mode}</p>
      <ShiftChart
        title={`Scores with and without ${subject}`}
        description="The same numbers are in the table below."
        subjectLabel={subject}
        numberFormat={`.${digits}f`}
        rows={report.rows.map((r) => ({ key: r.key, label: name(r.key), withScore: r.scoreWith, withoutScore: r.scoreWithout }))}
      />
      <CaptionedTable
        id="sensitivity"
        label="Scores with and without the submission"
        caption={
          <>
            Every other submission with and without {subject}. Rank shift: places gained among the others when {subject} leaves (beyond the place it frees).
          </>
        }
      >
        <TableHead
          cellClassName="text-right"
          columns={[
            { label: "Submission", className: "py-1" },
            "Score with",
            "Rank with",
            "Score without",
            "Rank without",
            {
              label: "Δ (with − without)",
              className: "text-right",
              title: "Δ = score with the submission − score without it: the effect of adding it, the sign the paper view and the leaderboard use",
            },
            "Rank shift",
          ]}
        />
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.key} data-row={r.key} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1">{name(r.key)}</td>
              <td className="num text-right">{fixed(r.scoreWith, digits)}</td>
              <td className="num text-right">{r.rankWith}</td>
              <td className="num text-right">{fixed(r.scoreWithout, digits)}</td>
              <td className="num text-right">{r.rankWithout}</td>
              <td className="num text-right">{signed(r.scoreWith - r.scoreWithout, digits)}</td>
              <td className="num text-right">{r.rankShift === 0 ? "–" : signed(r.rankShift, 0)}</td>
            </tr>
          ))}
        </tbody>
      </CaptionedTable>
    </>
  );
}

function LeaveOneOutView({ report, round, query }: { report: LeaveOneOutReport; round: string; query: URLSearchParams }) {
  const digits = scoreDigits(report.round.timeBasis);
  const name = (key: string) => report.displayNames[key] ?? key;
  return (
    <>
      <p className="text-xs text-zinc-500">{report.settings.mode}</p>
      <SortableTable
        caption="Leave-one-out: how much each member changes everyone else's scores when it leaves the pool. Only members that set a best time (the ratio denominator) move anyone."
        initialSort="mean"
        initialDirection="desc"
        columns={[
          { key: "name", label: "Submission" },
          { key: "score", label: "Score", numeric: true },
          { key: "rank", label: "Rank", numeric: true },
          { key: "fastest", label: "Fastest on", description: "Base workloads on which it sets the pool's best time" },
          { key: "mean", label: "Mean |change|", numeric: true, description: "Mean absolute change of the other scores when it leaves" },
          { key: "max", label: "Max |change|", numeric: true },
          { key: "who", label: "Most affected" },
          { key: "order", label: "Order changes", numeric: true, description: "Other members whose place among the others changes" },
          { key: "shift", label: "Max rank shift", numeric: true },
        ]}
        rows={report.rows.map((r) => ({
          key: r.key,
          cells: {
            name: { text: name(r.key), sort: name(r.key), href: analysisViewHref(round, "sensitivity", query, { submission: r.key }) },
            score: { text: fixed(r.score, digits), sort: r.score },
            rank: { text: String(r.rank), sort: r.rank },
            fastest: { text: r.fastestOn.join(", ") || "–", sort: r.fastestOn.length },
            mean: { text: r.error ? "n/a" : fixed(r.meanAbsDelta, digits), sort: r.error ? null : r.meanAbsDelta },
            max: { text: r.error ? "n/a" : fixed(r.maxAbsDelta, digits), sort: r.error ? null : r.maxAbsDelta },
            who: { text: r.error ?? (r.maxAbsDeltaKey ? name(r.maxAbsDeltaKey) : "–"), sort: r.maxAbsDeltaKey ? name(r.maxAbsDeltaKey) : null },
            order: { text: String(r.orderChanges), sort: r.orderChanges },
            shift: { text: String(r.maxRankShift), sort: r.maxRankShift },
          },
        }))}
      />
    </>
  );
}
