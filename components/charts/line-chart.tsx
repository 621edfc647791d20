// Lines of a value along an ordered integer parameter (e.g. score vs tuning
// budget k). Server-renderable; wrap it in SeriesHighlight for hover/click
// emphasis (series carry data-series). Non-finite values break the line.
import { format, line, scaleLinear, scalePoint } from "d3";
import { PlotAxes } from "./axes";
import { ChartFrame } from "./chart-frame";
import { EndLabel, SeriesLine } from "./series-marks";
import { truncate } from "@/lib/views/format";

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  /** Value at each x; NaN / ±inf are not drawn. */
  values: readonly number[];
  /** Drawn dashed (e.g. the reference). */
  dashed?: boolean;
}

export function LineChart({
  xs,
  series,
  title,
  description,
  xLabel,
  yLabel,
  yFormat = ".2f",
  width = 960,
  height = 360,
}: {
  xs: readonly number[];
  series: readonly LineSeries[];
  title: string;
  description?: string;
  xLabel: string;
  yLabel: string;
  yFormat?: string;
  width?: number;
  height?: number;
}) {
  const margin = { top: 20, right: 250, bottom: 44, left: 64 };
  const x = scalePoint<number>()
    .domain([...xs])
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const finite = series.flatMap((s) => s.values.filter(Number.isFinite));
  const y = scaleLinear()
    .domain([Math.min(0, ...finite), Math.max(1e-9, ...finite)])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const path = line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, i) => x(xs[i]!)!)
    .y((v) => y(v));
  const fmt = format(yFormat);
  const lastX = x(xs[xs.length - 1]!)!;
  const bottom = height - margin.bottom;
  const lastOf = (s: LineSeries) => s.values[s.values.length - 1]!;
  const slots = [...series].sort((a, b) => (Number.isFinite(lastOf(b)) ? lastOf(b) : -Infinity) - (Number.isFinite(lastOf(a)) ? lastOf(a) : -Infinity));
  const slotHeight = Math.min(18, (bottom - margin.top) / Math.max(1, slots.length));
  return (
    <ChartFrame chart="lines" title={title} description={description} width={width} height={height} maxWidth="max-w-[960px]" scroll={false}>
      <PlotAxes
        box={{ left: margin.left, right: lastX, top: margin.top, bottom }}
        y={y.ticks(6).map((v) => ({ at: y(v), label: fmt(v) }))}
        x={xs.map((v) => ({ at: x(v)!, label: String(v) }))}
        yLabel={yLabel}
        xLabel={xLabel}
      />
      {series.map((s) => (
        <SeriesLine
          key={s.key}
          seriesKey={s.key}
          color={s.color}
          title={`${s.label}: ${s.values.map((v) => (Number.isFinite(v) ? fmt(v) : String(v))).join(", ")}`}
          d={path([...s.values]) ?? ""}
          dots={s.values.map((v, i) => (Number.isFinite(v) ? { x: x(xs[i]!)!, y: y(v) } : null))}
          r={3}
          dashed={s.dashed}
        />
      ))}
      {slots.map((s, i) => {
        const last = lastOf(s);
        return (
          <EndLabel
            key={s.key}
            seriesKey={s.key}
            color={s.color}
            x={lastX}
            from={Number.isFinite(last) ? y(last) : null}
            at={margin.top + (i + 0.5) * slotHeight}
          >
            {truncate(s.label, 34)}
          </EndLabel>
        );
      })}
    </ChartFrame>
  );
}
