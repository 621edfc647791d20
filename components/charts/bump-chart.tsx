// Rank of every series along an ordered parameter (a bump chart), e.g. the
// ranking as tauMax varies. Server-renderable; wrap it in SeriesHighlight for
// hover/click emphasis (series carry data-series).
import { format, line, scaleLinear, scalePoint } from "d3";
import { XAxis, YAxis } from "./axes";
import { ChartFrame } from "./chart-frame";

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
      <YAxis ticks={rankTicks} x={margin.left} gridFrom={margin.left} gridTo={lastX} label="Rank" labelY={(margin.top + bottom) / 2} />
      <XAxis
        ticks={xs.map((v) => ({ at: x(v)!, label: fmt(v) }))}
        y={bottom}
        gridFrom={margin.top}
        gridTo={bottom}
        label={xLabel}
        labelX={(margin.left + lastX) / 2}
      />
      {series.map((s) => (
        <g key={s.key} data-series={s.key} style={{ color: s.color }}>
          <title>{`${s.label}: ranks ${s.ranks.join(", ")}`}</title>
          <path d={path([...s.ranks]) ?? ""} fill="none" stroke="currentColor" strokeWidth={2} strokeOpacity={0.85} />
          {s.ranks.map((r, i) => (
            <circle key={i} cx={x(xs[i]!)} cy={y(r)} r={3.5} fill="currentColor" />
          ))}
        </g>
      ))}
      {slots.map((s, i) => {
        const ly = margin.top + (i + 0.5) * rowHeight;
        const last = s.ranks[s.ranks.length - 1]!;
        return (
          <g key={s.key} data-series={s.key} fontSize={11} style={{ color: s.color }}>
            <line x1={lastX + 5} x2={lastX + 22} y1={y(last)} y2={ly} stroke="currentColor" strokeOpacity={0.5} />
            <text x={lastX + 26} y={ly} dy="0.32em" className="fill-zinc-800 dark:fill-zinc-200">
              <tspan fill="currentColor" fontWeight={600}>
                {last}
              </tspan>{" "}
              {s.label.length > 30 ? `${s.label.slice(0, 29)}…` : s.label}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
