// Time-to-target of every trial against one hyperparameter (issue 17,
// docs/analysis-tuning.md "Hyperparameter sensitivity"). Server-renderable.
// The x axis is log when the values span decades (axis.log), linear for other
// numbers, and one slot per value for strings; a missed trial has no time, so
// it is drawn in a band at the top, above the slowest hit, not left out.
import { format, scaleLinear, scaleLog, scalePoint, type ScaleLinear, type ScaleLogarithmic, type ScalePoint } from "d3";
import type { HparamAxis } from "@/lib/scoring/analysis";
import { PlotAxes, plotBox } from "./axes";
import { ChartFrame } from "./chart-frame";

const MISS_BAND = 22;

type XScale = { kind: "number"; scale: ScaleLinear<number, number> | ScaleLogarithmic<number, number> } | { kind: "category"; scale: ScalePoint<string> };

function xScale(axis: HparamAxis, from: number, to: number): XScale {
  const numbers = axis.points.map((p) => p.value).filter((v): v is number => typeof v === "number");
  if (numbers.length < axis.points.length) {
    const values = [...new Set(axis.points.map((p) => String(p.value)))].sort();
    return { kind: "category", scale: scalePoint<string>().domain(values).range([from, to]).padding(0.5) };
  }
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  if (axis.log)
    return {
      kind: "number",
      scale: scaleLog()
        .domain([lo / 1.25, hi * 1.25])
        .range([from, to]),
    };
  const pad = (hi - lo) * 0.05 || Math.abs(lo) * 0.1 || 1;
  return {
    kind: "number",
    scale: scaleLinear()
      .domain([lo - pad, hi + pad])
      .range([from, to])
      .nice(),
  };
}

/** On a log axis only the powers of ten (when there are two), so labels do not collide. */
function numberTicks(scale: ScaleLinear<number, number> | ScaleLogarithmic<number, number>, log: boolean): number[] {
  const ticks = scale.ticks(5);
  if (!log) return ticks;
  const decades = ticks.filter((t) => Number.isInteger(Math.round(Math.log10(t) * 1e9) / 1e9));
  return decades.length >= 2 ? decades : ticks.filter((_, i) => i % Math.ceil(ticks.length / 5) === 0);
}

export function HparamScatter({
  axis,
  title,
  timeLabel,
  timeFormat = ",.0f",
  color,
  width = 480,
  height = 280,
}: {
  axis: HparamAxis;
  title: string;
  timeLabel: string;
  timeFormat?: string;
  color: string;
  width?: number;
  height?: number;
}) {
  const box = plotBox({ top: 12 + MISS_BAND, right: 16, bottom: 44, left: 64 }, width, height);
  const x = xScale(axis, box.left, box.right);
  const xAt = (v: number | string) => (x.kind === "category" ? x.scale(String(v))! : x.scale(v as number));
  const hits = axis.points.filter((p) => p.time !== null).map((p) => p.time!);
  const y = scaleLinear()
    // Headroom above the slowest hit, so it stays clear of the miss band.
    .domain([Math.min(0, ...hits), Math.max(1e-9, ...hits) * 1.08])
    .nice()
    .range([box.bottom, box.top]);
  const fy = format(timeFormat);
  const fx = x.kind === "number" ? format(".3~g") : String;
  const missY = box.top - MISS_BAND / 2 - 2;
  const xTicks =
    x.kind === "category"
      ? x.scale.domain().map((v) => ({ at: x.scale(v)!, label: v }))
      : numberTicks(x.scale, axis.log).map((v) => ({ at: x.scale(v), label: fx(v) }));
  const misses = axis.points.length - hits.length;
  return (
    <ChartFrame
      chart="hparam-scatter"
      title={title}
      description={`${hits.length} trials reached the target, ${misses} missed (drawn in the band at the top).`}
      width={width}
      height={height}
      maxWidth="max-w-[560px]"
      scroll={false}
      data={{ "data-axis": axis.name, "data-log": axis.log ? "true" : "false" }}
    >
      <PlotAxes
        box={box}
        y={y.ticks(5).map((v) => ({ at: y(v), label: fy(v) }))}
        x={xTicks}
        yLabel={timeLabel}
        xLabel={`${axis.name}${axis.log ? " (log)" : ""}`}
      />
      <g aria-hidden="true" fontSize={11}>
        <line x1={box.left} x2={box.right} y1={box.top - 2} y2={box.top - 2} className="stroke-zinc-300 dark:stroke-zinc-700" strokeDasharray="3 3" />
        <text x={box.left - 6} y={missY} dy="0.32em" textAnchor="end" className="fill-zinc-500 dark:fill-zinc-400">
          missed
        </text>
      </g>
      <g style={{ color }}>
        {axis.points.map((p) => {
          const cx = xAt(p.value);
          const label = `study ${p.study}, trial ${p.trial}: ${axis.name} = ${typeof p.value === "number" ? fx(p.value) : p.value}, ${p.time === null ? "missed the target" : `${timeLabel} ${fy(p.time)}`}`;
          if (p.time === null) {
            return (
              <g key={`${p.study}-${p.trial}`} data-point="miss" transform={`translate(${cx},${missY})`}>
                <title>{label}</title>
                <path d="M-4,-4L4,4M-4,4L4,-4" stroke="currentColor" strokeWidth={1.75} />
              </g>
            );
          }
          return (
            <circle
              key={`${p.study}-${p.trial}`}
              data-point="hit"
              cx={cx}
              cy={y(p.time)}
              r={4}
              fill="currentColor"
              fillOpacity={0.35}
              stroke="currentColor"
              strokeWidth={1.5}
            >
              <title>{label}</title>
            </circle>
          );
        })}
      </g>
    </ChartFrame>
  );
}
