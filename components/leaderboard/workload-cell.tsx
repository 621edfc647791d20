// One (submission, workload) cell of the leaderboard: the time on the round's
// basis, the ratio to the pool's best, a colour that fades from the best time
// (ratio 1) to the 4x cut-off, and for a miss an icon with its reason.
import { scaleLog } from "d3";
import type { TimeBasis } from "@/lib/scoring";
import type { WorkloadInfo } from "@/lib/server/services/catalog";
import type { LeaderboardCell } from "@/lib/server/services/leaderboard";
import { formatCount, formatDuration, formatFraction, formatRatio, formatSeconds, formatTime, STATUS_TEXT } from "@/lib/views/format";

const shade = scaleLog().domain([1, 4]).range([0.5, 0.06]).clamp(true);

/** Background of a counted cell: rgb(var(--cell-hue)) with an opacity by ratio (one hue, so it reads without colour vision too). */
export function ratioBackground(ratio: number): string | undefined {
  return Number.isFinite(ratio) && ratio > 0 ? `rgb(var(--cell-hue) / ${shade(Math.max(ratio, 1)).toFixed(3)})` : undefined;
}

/** The cell's tooltip: every number behind it, in words. */
export function cellTitle(cell: LeaderboardCell, workload: WorkloadInfo, basis: TimeBasis, best: number | undefined): string {
  const parts = [workload.displayName];
  const s = STATUS_TEXT[cell.status];
  if (cell.status === "no_data") return `${workload.displayName}: ${s.description}`;
  if (Number.isFinite(cell.time)) {
    if (basis === "seconds")
      parts.push(
        `time to target ${formatSeconds(cell.time)} s (${formatDuration(cell.time)})${cell.timeFraction !== null ? `, ${formatFraction(cell.timeFraction)} of the budget` : ""}`,
      );
    else
      parts.push(
        `time to target ${formatFraction(cell.time)} of the budget${workload.budgetSteps ? ` (≈ ${formatCount(Math.round(cell.time * workload.budgetSteps))} of ${formatCount(workload.budgetSteps)} steps)` : ""}`,
      );
  }
  if (cell.status === "hit") parts.push(`ratio to the pool's best ${formatRatio(cell.ratio)}`);
  else if (cell.status === "over_4x" && best !== undefined && Number.isFinite(best))
    parts.push(`${formatRatio(cell.time / best)}× the best: over 4×, does not count`);
  else if (cell.status === "variant_failed") parts.push(`held-out variant ${cell.variantName ?? cell.variant} failed, which disqualifies this workload`);
  else parts.push(s.label);
  if (cell.studies > 1) parts.push(`${cell.studiesHit}/${cell.studies} studies reached the target`);
  return parts.join(" · ");
}

export function WorkloadCell({ cell, workload, basis, best }: { cell: LeaderboardCell; workload: WorkloadInfo; basis: TimeBasis; best: number | undefined }) {
  const status = STATUS_TEXT[cell.status];
  const title = cellTitle(cell, workload, basis, best);
  const counted = cell.status === "hit";
  return (
    <td
      data-workload={workload.key}
      data-status={cell.status}
      title={title}
      className="lb-cell"
      style={{ backgroundColor: counted ? ratioBackground(cell.ratio) : undefined }}
    >
      {counted ? (
        <>
          <div data-field="time">{formatTime(cell.time, basis)}</div>
          <div className="cell-ratio">
            <span className="sr-only">ratio </span>×<span data-field="ratio">{formatRatio(cell.ratio)}</span>
          </div>
        </>
      ) : (
        <>
          {Number.isFinite(cell.time) && (
            <div className="cell-struck" data-field="time">
              {formatTime(cell.time, basis)}
            </div>
          )}
          <div className="cell-note">
            <span aria-hidden="true" className="miss-icon">
              {status.icon}
            </span>
            <span aria-hidden="true">{status.short}</span>
            <span className="sr-only">{cell.status === "variant_failed" ? `held-out variant ${cell.variantName ?? cell.variant} failed` : status.label}</span>
          </div>
        </>
      )}
    </td>
  );
}
