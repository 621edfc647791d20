// Points coloured by series on a log-x / linear-y plane, e.g. the calibration
// metric against the benchmark score. Server-renderable; points carry
// data-series for SeriesHighlight.
import { extent, format, scaleLinear, scaleLog } from "d3";
import { PlotAxes, plotBox } from "./axes";
import { ChartFrame } from "./chart-frame";

export interface ScatterPoint {
  key: string;
  label: string;
  series: string;
  color: string;
  x: number;
  y: number;
  /** Drawn larger and filled (e.g. a top-k or selected configuration). */
  emphasis: boolean;
}

export function ScatterChart({
  points,
  title,
  description,
  xLabel,
  yLabel,
  xFormat = ".3~g",
  yFormat = ".2f",
  width = 960,
  height = 420,
}: {
  points: readonly ScatterPoint[];
  title: string;
  description?: string;
  xLabel: string;
  yLabel: string;
  xFormat?: string;
  yFormat?: string;
  width?: number;
  height?: number;
}) {
  const box = plotBox({ top: 16, right: 24, bottom: 48, left: 64 }, width, height);
  const finite = points.filter((p) => Number.isFinite(p.x) && p.x > 0 && Number.isFinite(p.y));
  const [x0 = 0.1, x1 = 1] = extent(finite, (p) => p.x);
  const [y0 = 0, y1 = 1] = extent(finite, (p) => p.y);
  const x = scaleLog()
    .domain([x0 / 1.1, x1 * 1.1])
    .range([box.left, box.right]);
  const y = scaleLinear()
    .domain([Math.min(0, y0), Math.max(y1, 0.1)])
    .range([box.bottom, box.top])
    .nice();
  const fx = format(xFormat);
  const fy = format(yFormat);
  return (
    <ChartFrame chart="scatter" title={title} description={description} width={width} height={height} maxWidth="max-w-[960px]">
      <PlotAxes
        box={box}
        y={y.ticks(6).map((t) => ({ at: y(t), label: fy(t) }))}
        x={x.ticks(6).map((t) => ({ at: x(t), label: fx(t) }))}
        yLabel={yLabel}
        xLabel={xLabel}
      />
      {finite.map((p) => (
        <circle
          key={p.key}
          data-series={p.series}
          data-point={p.key}
          cx={x(p.x)}
          cy={y(p.y)}
          r={p.emphasis ? 5.5 : 3.5}
          style={{ color: p.color }}
          fill={p.emphasis ? "currentColor" : "none"}
          stroke="currentColor"
          strokeWidth={1.5}
        >
          <title>{`${p.label}: ${xLabel} ${fx(p.x)}, ${yLabel} ${fy(p.y)}`}</title>
        </circle>
      ))}
    </ChartFrame>
  );
}
