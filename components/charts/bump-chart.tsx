// Rank of every series along an ordered parameter (a bump chart), e.g. the
// ranking as tauMax varies. Server-renderable; wrap it in SeriesHighlight for
// hover/click emphasis (series carry data-series).
import { format, line, scaleLinear, scalePoint } from "d3";
import { PlotAxes } from "./axes";
import { ChartFrame } from "./chart-frame";
import { EndLabel, SeriesLine } from "./series-marks";
import { truncate } from "@/lib/views/format";

export interface BumpSeries {
  key: string;
  label: string;
  color: string;
  /** Rank at each x (1 = best). */
  ranks: readonly number[];
}

export function BumpChart({
  xs,
  series,
  title,
  description,
  xLabel,
  xFormat = ".2f",
  width = 960,
  rowHeight = 18,
}: {
  xs: readonly number[];
  series: readonly BumpSeries[];
  title: string;
  description?: string;
  xLabel: string;
  xFormat?: string;
  width?: number;
  rowHeight?: number;
}) {
  const fmt = format(xFormat);
  const n = Math.max(1, series.length);
  const margin = { top: 24, right: 250, bottom: 44, left: 56 };
  const height = margin.top + n * rowHeight + margin.bottom;
  const x = scalePoint<number>()
    .domain([...xs])
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const maxRank = Math.max(n, ...series.flatMap((s) => s.ranks));
  const y = scaleLinear()
    .domain([1, maxRank])
    .range([margin.top + rowHeight / 2, margin.top + (maxRank - 0.5) * rowHeight]);
  const path = line<number>()
    .x((_, i) => x(xs[i]!)!)
    .y((r) => y(r));
  // One label slot per series at the right, in order of the last rank, so tied series do not overlap.
  const lastX = x(xs[xs.length - 1]!)!;
  const slots = [...series].sort((a, b) => a.ranks[a.ranks.length - 1]! - b.ranks[b.ranks.length - 1]!);
  const bottom = height - margin.bottom;
  const rankTicks = y
    .ticks(Math.min(maxRank, 12))
    .filter(Number.isInteger)
    .map((r) => ({ at: y(r), label: String(r) }));
  return (
    <ChartFrame chart="bump" title={title} description={description} width={width} height={height} maxWidth="max-w-[960px]">
      <PlotAxes
        box={{ left: margin.left, right: lastX, top: margin.top, bottom }}
        y={rankTicks}
        x={xs.map((v) => ({ at: x(v)!, label: fmt(v) }))}
        yLabel="Rank"
        xLabel={xLabel}
      />
      {series.map((s) => (
        <SeriesLine
          key={s.key}
          seriesKey={s.key}
          color={s.color}
          title={`${s.label}: ranks ${s.ranks.join(", ")}`}
          d={path([...s.ranks]) ?? ""}
          dots={s.ranks.map((r, i) => ({ x: x(xs[i]!)!, y: y(r) }))}
          r={3.5}
        />
      ))}
      {slots.map((s, i) => {
        const last = s.ranks[s.ranks.length - 1]!;
        return (
          <EndLabel key={s.key} seriesKey={s.key} color={s.color} x={lastX} from={y(last)} at={margin.top + (i + 0.5) * rowHeight}>
            <tspan fill="currentColor" fontWeight={600}>
              {last}
            </tspan>{" "}
            {truncate(s.label, 30)}
          </EndLabel>
        );
      })}
    </ChartFrame>
  );
}
