// A value per base algorithm against the training horizon: one line through
// the representative configuration at each horizon, a bar for the spread over
// all configurations there, a dot per configuration. Server-renderable; series
// carry data-series for SeriesHighlight.
import { format, line, scaleLinear, scalePoint } from "d3";
import { PlotAxes, plotBox } from "./axes";
import { ChartFrame } from "./chart-frame";

export interface HorizonChartSeries {
  key: string;
  label: string;
  color: string;
  steps: {
    horizon: number;
    /** The representative value (the selected configuration, else the best). */
    value: number;
    min: number;
    max: number;
    points: { label: string; value: number; selected: boolean }[];
  }[];
}

export function HorizonChart({
  series,
  title,
  description,
  yLabel,
  yDomain,
  yFormat = ".2f",
  width = 560,
  height = 360,
}: {
  series: readonly HorizonChartSeries[];
  title: string;
  description?: string;
  yLabel: string;
  yDomain: readonly [number, number];
  yFormat?: string;
  width?: number;
  height?: number;
}) {
  const fmt = format(yFormat);
  const box = plotBox({ top: 16, right: 16, bottom: 48, left: 64 }, width, height);
  const horizons = [...new Set(series.flatMap((s) => s.steps.map((p) => p.horizon)))].sort((a, b) => a - b);
  const x = scalePoint<number>().domain(horizons).range([box.left, box.right]).padding(0.5);
  const y = scaleLinear()
    .domain([...yDomain])
    .range([box.bottom, box.top])
    .nice();
  // Algorithms side by side around each horizon, so spreads do not hide each other.
  const offset = (i: number) => (i - (series.length - 1) / 2) * 9;
  return (
    <ChartFrame chart="horizon" title={title} description={description} width={width} height={height} maxWidth="max-w-[640px]">
      <PlotAxes
        box={box}
        y={y.ticks(6).map((t) => ({ at: y(t), label: fmt(t) }))}
        x={horizons.map((h) => ({ at: x(h)!, label: `${Math.round(h * 100)}%` }))}
        yLabel={yLabel}
        xLabel="Training horizon (fraction of the step budget)"
        xGrid={false}
      />
      {series.map((s, i) => {
        const px = (h: number) => x(h)! + offset(i);
        const path = line<HorizonChartSeries["steps"][number]>()
          .x((p) => px(p.horizon))
          .y((p) => y(p.value));
        return (
          <g key={s.key} data-series={s.key} style={{ color: s.color }}>
            <title>{`${s.label}: ${s.steps.map((p) => `${Math.round(p.horizon * 100)}% ${fmt(p.value)} (${fmt(p.min)}–${fmt(p.max)})`).join(", ")}`}</title>
            {s.steps.map((p) => (
              <line
                key={`spread-${p.horizon}`}
                x1={px(p.horizon)}
                x2={px(p.horizon)}
                y1={y(p.min)}
                y2={y(p.max)}
                stroke="currentColor"
                strokeWidth={6}
                strokeOpacity={0.25}
                strokeLinecap="round"
              />
            ))}
            <path d={path(s.steps) ?? ""} fill="none" stroke="currentColor" strokeWidth={2.5} />
            {s.steps.flatMap((p) =>
              p.points.map((c) => (
                <circle
                  key={`${p.horizon}-${c.label}`}
                  cx={px(p.horizon)}
                  cy={y(c.value)}
                  r={c.selected ? 5 : 3}
                  fill={c.selected ? "currentColor" : "none"}
                  stroke="currentColor"
                  strokeWidth={1.5}
                >
                  <title>{`${c.label}: ${fmt(c.value)}${c.selected ? " (selected)" : ""}`}</title>
                </circle>
              )),
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
