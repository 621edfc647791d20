// The performance-profile step plot rho(tau), drawn on the server: d3 scales
// and the step-after line generator produce the path strings, so the curves
// are in the HTML before any JavaScript runs. Interaction (highlight, toggles,
// tooltip, downloads) is layered on by ProfileExplorer.
import { curveStepAfter, line, scaleLinear, scaleLog } from "d3";
import type { SeriesStyle } from "@/lib/views/palette";
import { AxisBottom, AxisLeft, type Tick } from "./axes";
import { ChartFrame } from "./chart-frame";
import { truncate } from "@/lib/views/format";

export interface ProfileSeries {
  key: string;
  name: string;
  /** Corners of the exact step profile (lib/views/profile-steps.ts). */
  steps: [number, number][];
  style: SeriesStyle;
  /** Printed score, for the curve's native tooltip. */
  score: string;
  /** Drawn strong and labelled at the right edge (the top ranks); the others are drawn muted. */
  emphasis?: boolean;
}

export interface ProfileGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  tauMin: number;
  tauMax: number;
  axis: "linear" | "log";
  /** Top of the y axis: the highest ρ any curve reaches (default 1). */
  yMax?: number;
}

export const PROFILE_SIZE = { width: 960, height: 430, margin: { top: 16, right: 24, bottom: 56, left: 68 } } as const;

export function profileScales(g: ProfileGeometry) {
  const x = (g.axis === "log" ? scaleLog() : scaleLinear()).domain([g.tauMin, g.tauMax]).range([g.margin.left, g.width - g.margin.right]);
  const y = scaleLinear()
    .domain([0, g.yMax ?? 1])
    .range([g.height - g.margin.bottom, g.margin.top]);
  return { x, y };
}

function xTicks(g: ProfileGeometry, x: (v: number) => number): Tick[] {
  const values =
    g.axis === "log"
      ? [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 20, 50, 100].filter((v) => v >= g.tauMin && v <= g.tauMax)
      : scaleLinear().domain([g.tauMin, g.tauMax]).ticks(8);
  return values.map((v) => ({ at: x(v), label: String(Number(v.toPrecision(4))) }));
}

function yTicks(n: number, y: (v: number) => number, top: number): Tick[] {
  // Every attainable value k/n when there are few workloads: the plot then shows exact fractions.
  const values = (n > 0 && n <= 10 ? Array.from({ length: n + 1 }, (_, k) => k / n) : [0, 0.2, 0.4, 0.6, 0.8, 1]).filter((v) => v <= top + 1e-9);
  return values.map((v) => ({ at: y(v), label: n > 0 && n <= 10 ? `${Math.round(v * n)}/${n}` : v.toFixed(1) }));
}

export function ProfilePlot({
  id,
  series,
  n,
  geometry,
  title,
  description,
}: {
  id: string;
  series: ProfileSeries[];
  n: number;
  geometry: ProfileGeometry;
  title: string;
  description: string;
}) {
  const { x, y } = profileScales(geometry);
  const { width, height, margin } = geometry;
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))
    .curve(curveStepAfter);
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      width={width}
      height={height}
      className="profile-plot h-auto w-full select-none"
      data={{ "data-curves": series.length }}
    >
      <AxisLeft
        ticks={yTicks(n, y, geometry.yMax ?? 1)}
        x={margin.left}
        y0={margin.top}
        y1={height - margin.bottom}
        label="ρ(τ): fraction of workloads"
        grid={{ right: width - margin.right }}
      />
      <AxisBottom
        ticks={xTicks(geometry, x)}
        y={height - margin.bottom}
        x0={margin.left}
        x1={width - margin.right}
        label={`τ: time relative to the pool's best${geometry.axis === "log" ? " (log scale)" : ""}`}
        grid={{ top: margin.top }}
      />
      <g fill="none" strokeLinejoin="round" strokeLinecap="butt">
        {/* Muted curves first, the emphasised (top-ranked) ones on top. */}
        {[...series.filter((s) => !s.emphasis), ...series.filter((s) => s.emphasis)].map((s) => (
          <path
            key={s.key}
            className="series"
            data-series={s.key}
            data-emphasis={s.emphasis ? "" : undefined}
            d={path(s.steps) ?? ""}
            stroke={s.style.color}
            strokeWidth={s.emphasis ? 2.5 : 1.25}
            strokeOpacity={s.emphasis ? 1 : 0.35}
            strokeDasharray={s.style.dash || undefined}
          >
            <title>{`${s.name}: score ${s.score}`}</title>
          </path>
        ))}
      </g>
      <DirectLabels series={series.filter((s) => s.emphasis)} x={width - margin.right + 8} y={y} />
    </ChartFrame>
  );
}

/** Names at the right edge, at the height each curve ends, nudged apart so they never overlap (13 px apart at least). */
function DirectLabels({ series, x, y }: { series: ProfileSeries[]; x: number; y: (v: number) => number }) {
  const placed = series.map((s) => ({ s, at: y(s.steps.at(-1)?.[1] ?? 0) })).sort((a, b) => a.at - b.at);
  for (let i = 1; i < placed.length; i++) placed[i]!.at = Math.max(placed[i]!.at, placed[i - 1]!.at + 13);
  return (
    <g fontSize={11} data-direct-labels>
      {placed.map(({ s, at }) => (
        <text key={s.key} x={x} y={at} dy="0.32em" fill={s.style.color} data-label={s.key}>
          {truncate(s.name, 26)}
        </text>
      ))}
    </g>
  );
}
