// The small per-trial tables folded into a cell: a submission's runs on a
// workload (submission page) and a workload's best trial of each study
// (workload page). Both show a trial's five figures with the same header and
// formatting, so they are written once here.
import type { ReactNode } from "react";
import { CompactHeader, type CompactColumn } from "@/components/ui/compact-header";
import { formatFraction, formatMetric, formatSeconds, formatSteps } from "@/lib/views/format";

/** The header cells of TrialFigureCells, in the same order. */
export const TRIAL_FIGURE_COLUMNS: readonly CompactColumn[] = [
  { label: "Eval #", align: "right" },
  { label: "Seconds", align: "right" },
  { label: "Fraction", align: "right" },
  { label: "Steps", align: "right" },
  { label: "Best metric", align: "right" },
];

/** A trial's first-hit eval index, time (seconds and fraction of the budget), steps and best metric. */
export function TrialFigureCells({
  hitIndex,
  seconds,
  fraction,
  steps,
  bestMetric,
}: {
  hitIndex: number | null;
  seconds: number | null;
  fraction: number | null;
  steps: number | null;
  bestMetric: number | null;
}) {
  return (
    <>
      <td className="num pr-2 text-right">{hitIndex ?? "–"}</td>
      <td className="num pr-2 text-right">{formatSeconds(seconds)}</td>
      <td className="num pr-2 text-right">{formatFraction(fraction)}</td>
      <td className="num pr-2 text-right">{formatSteps(steps)}</td>
      <td className="num pr-2 text-right">{formatMetric(bestMetric)}</td>
    </>
  );
}

/** A <details> whose summary opens a compact table of trials; `children` are its <tbody>, `after` follows the table. */
export function TrialDetails({
  id,
  summary,
  summaryClassName,
  tableClassName,
  columns,
  after,
  children,
}: {
  id: string;
  summary: ReactNode;
  summaryClassName: string;
  tableClassName: string;
  columns: readonly CompactColumn[];
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <details>
      <summary className={summaryClassName}>{summary}</summary>
      <table className={tableClassName} data-table={id}>
        <CompactHeader columns={columns} />
        {children}
      </table>
      {after}
    </details>
  );
}
