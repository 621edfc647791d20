// Tie letters in the leaderboard (issue 15): the groups of the 95% bootstrap
// intervals (submissions sharing a letter have overlapping intervals), the
// same report as the intervals chart under the table. Each cell streams in
// when the resampling is done; the table itself never waits for it.
import { Suspense } from "react";
import type { UncertaintyReport } from "@/lib/server/services/analysis-uncertainty";
import type { ExtraColumn } from "./leaderboard-table";

/** One way to write a submission's tie groups everywhere (leaderboard, interval charts, the uncertainty view): "ab", "–" for none. */
export function tieLetters(groups: readonly string[]): string {
  return groups.join("") || "–";
}

/** The header's explanation of the letters, the same wherever they are shown. */
export const TIE_TITLE = "Tie groups: submissions sharing a letter have overlapping 95% bootstrap intervals over studies";

async function TieLetters({ report, rowKey }: { report: Promise<UncertaintyReport | null>; rowKey: string }) {
  const u = await report;
  if (!u || !u.available) return <span className="text-xs text-zinc-500">–</span>;
  const groups = u.submissions.find((s) => s.key === rowKey)?.groups ?? [];
  return (
    <span className="font-mono text-xs" data-field="tie" title="Submissions sharing a letter have overlapping 95% bootstrap intervals: statistically tied">
      {tieLetters(groups)}
    </span>
  );
}

export function tieColumn(report: Promise<UncertaintyReport | null>): ExtraColumn {
  return {
    id: "tie",
    header: <span title={TIE_TITLE}>Tied</span>,
    cell: (r) => (
      <Suspense fallback={<span className="text-xs text-zinc-500">…</span>}>
        <TieLetters report={report} rowKey={r.key} />
      </Suspense>
    ),
  };
}
