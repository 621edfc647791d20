// Score of each submission with and without one pool member (a dumbbell per
// row): the pool-sensitivity view. Server-renderable.
import { extent, format } from "d3";
import { XAxis } from "./axes";
import { ChartFrame } from "./chart-frame";
import { RowLabel, rowLayout, RowNote } from "./row-chart";

export interface ShiftRowData {
  key: string;
  label: string;
  /** Score with the subject in the pool. */
  withScore: number;
  withoutScore: number;
}

export function ShiftChart({
  rows,
  title,
  description,
  subjectLabel,
  numberFormat = ".3f",
  width = 960,
  labelWidth = 230,
  rowHeight = 20,
}: {
  rows: readonly ShiftRowData[];
  title: string;
  description?: string;
  subjectLabel: string;
  numberFormat?: string;
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
}) {
  const fmt = format(numberFormat);
  const margin = { top: 44, right: 90, bottom: 40, left: labelWidth };
  const values = rows.flatMap((r) => [r.withScore, r.withoutScore]).filter(Number.isFinite);
  const [lo = 0, hi = 1] = extent(values);
  const { height, bottom, x, ticks, rowY } = rowLayout({ rows: rows.length, rowHeight, margin, width, domain: [Math.max(0, lo - 0.02), hi + 0.02] });
  return (
    <ChartFrame chart="shift" title={title} description={description} width={width} height={height} maxWidth="max-w-[960px]">
      <g fontSize={12} aria-hidden="true">
        <circle cx={margin.left + 6} cy={12} r={4} className="fill-none stroke-zinc-900 dark:stroke-zinc-100" strokeWidth={1.5} />
        <text x={margin.left + 16} y={12} dy="0.32em" className="fill-current">
          with {subjectLabel}
        </text>
        <circle cx={margin.left + 236} cy={12} r={4} className="fill-sky-600 dark:fill-sky-400" />
        <text x={margin.left + 246} y={12} dy="0.32em" className="fill-current">
          without
        </text>
      </g>
      <XAxis ticks={ticks} y={bottom} gridFrom={margin.top - 8} gridTo={bottom} label="Benchmark score" labelX={(margin.left + width - margin.right) / 2} />
      {rows.map((r, i) => {
        const y = rowY(i);
        // One sign everywhere: Δ = with − without (the effect of adding the subject).
        const delta = r.withScore - r.withoutScore;
        return (
          <g key={r.key} data-row={r.key} fontSize={12}>
            <title>{`${r.label}: ${fmt(r.withScore)} with, ${fmt(r.withoutScore)} without (${delta >= 0 ? "+" : ""}${fmt(delta)})`}</title>
            <RowLabel x={margin.left} y={y} text={r.label} max={32} />
            <line x1={x(r.withScore)} x2={x(r.withoutScore)} y1={y} y2={y} strokeWidth={2} className="stroke-zinc-400 dark:stroke-zinc-500" />
            <circle cx={x(r.withScore)} cy={y} r={4} strokeWidth={1.5} className="fill-white stroke-zinc-900 dark:fill-zinc-950 dark:stroke-zinc-100" />
            <circle cx={x(r.withoutScore)} cy={y} r={4} className="fill-sky-600 dark:fill-sky-400" />
            <RowNote x={width - margin.right} y={y}>
              {delta === 0 ? "±0" : `${delta > 0 ? "+" : ""}${fmt(delta)}`}
            </RowNote>
          </g>
        );
      })}
    </ChartFrame>
  );
}
