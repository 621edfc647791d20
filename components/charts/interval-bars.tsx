// Interval bars: one row per submission, a point (its score) and a bar (an
// interval around it), e.g. the 95% bootstrap intervals of the uncertainty
// view. Server-renderable (D3 scales only, no DOM), so the leaderboard can
// embed it next to its table: pass the rows of GET .../uncertainty.
import { extent, format } from "d3";
import { XAxis } from "./axes";
import { ChartFrame } from "./chart-frame";
import { RowLabel, rowLayout, RowNote } from "./row-chart";

export interface IntervalRow {
  key: string;
  label: string;
  /** The point estimate (NaN = none). */
  point: number;
  /** [lo, hi] around it, or null when no interval exists (drawn as the point alone). */
  interval: readonly [number, number] | null;
  /** Short text after the row, e.g. tied-group letters "a b". */
  annotation?: string;
  /** Draws the row emphasised (e.g. the submission being looked at). */
  emphasis?: boolean;
}

export interface IntervalBarsProps {
  rows: readonly IntervalRow[];
  /** Accessible name of the chart. */
  title: string;
  /** Longer description for assistive technology; point it at the data table it summarises. */
  description?: string;
  /** x domain; default: the rows' extent, padded. */
  domain?: readonly [number, number];
  xLabel?: string;
  /** d3-format specifier of the numbers. */
  numberFormat?: string;
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
}

export function IntervalBars({
  rows,
  title,
  description,
  domain,
  xLabel = "Benchmark score",
  numberFormat = ".3f",
  width = 960,
  labelWidth = 230,
  rowHeight = 22,
}: IntervalBarsProps) {
  const fmt = format(numberFormat);
  const margin = { top: 28, right: 88, bottom: 40, left: labelWidth };
  const values = rows.flatMap((r) => [r.point, ...(r.interval ?? [])]).filter((v) => Number.isFinite(v));
  const { height, bottom, x, ticks, rowY } = rowLayout({
    rows: rows.length,
    rowHeight,
    margin,
    width,
    domain: domain ?? padded(extent(values) as [number, number] | [undefined, undefined]),
  });
  return (
    <ChartFrame chart="interval-bars" title={title} description={description} width={width} height={height} maxWidth="max-w-[960px]">
      <XAxis ticks={ticks} y={margin.top} gridFrom={margin.top} gridTo={bottom} position="top" />
      <XAxis ticks={ticks} y={bottom} gridFrom={bottom} gridTo={bottom} label={xLabel} labelX={(margin.left + width - margin.right) / 2} />
      {rows.map((r, i) => {
        const y = rowY(i);
        const text = `${r.label}: ${Number.isFinite(r.point) ? fmt(r.point) : "n/a"}${r.interval ? ` (interval ${fmt(r.interval[0])} to ${fmt(r.interval[1])})` : " (no interval)"}${r.annotation ? `; ${r.annotation}` : ""}`;
        return (
          <g key={r.key} data-row={r.key} fontSize={12}>
            <title>{text}</title>
            <RowLabel
              x={margin.left}
              y={y}
              text={r.label}
              max={Math.floor(labelWidth / 7)}
              className={r.emphasis ? "fill-current font-semibold" : "fill-current"}
            />
            {r.interval && (
              <line
                data-interval
                x1={x(r.interval[0])}
                x2={Math.max(x(r.interval[1]), x(r.interval[0]) + 0.01)}
                y1={y}
                y2={y}
                strokeWidth={8}
                strokeLinecap="round"
                className="stroke-sky-500/60 dark:stroke-sky-400/60"
              />
            )}
            {Number.isFinite(r.point) && (
              <circle data-point cx={x(r.point)} cy={y} r={4} className={r.emphasis ? "fill-amber-500" : "fill-zinc-900 dark:fill-zinc-100"} />
            )}
            {r.annotation && (
              <RowNote x={width - margin.right} y={y}>
                {r.annotation}
              </RowNote>
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}

function padded([lo, hi]: [number, number] | [undefined, undefined]): [number, number] {
  if (lo === undefined || hi === undefined) return [0, 1];
  const pad = Math.max((hi - lo) * 0.05, 0.01);
  return [Math.max(0, lo - pad), hi + pad];
}
