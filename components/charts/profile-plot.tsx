// The performance-profile step plot rho(tau), drawn on the server: d3 scales
// and the step-after line generator produce the path strings, so the curves
// are in the HTML before any JavaScript runs. Interaction (highlight, toggles,
// tooltip, downloads) is layered on by ProfileExplorer.
import { curveStepAfter, line, scaleLinear, scaleLog } from "d3";
import type { SeriesStyle } from "@/lib/views/palette";
import { AxisBottom, AxisLeft, type Tick } from "./axes";
import { ScrollRegion } from "@/components/ui/scroll-region";

export interface ProfileSeries {
  key: string;
  name: string;
  /** Corners of the exact step profile (lib/views/profile-steps.ts). */
  steps: [number, number][];
  style: SeriesStyle;
  /** Printed score, for the curve's native tooltip. */
  score: string;
}

export interface ProfileGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  tauMin: number;
  tauMax: number;
  axis: "linear" | "log";
}

export const PROFILE_SIZE = { width: 960, height: 430, margin: { top: 16, right: 24, bottom: 56, left: 68 } } as const;

export function profileScales(g: ProfileGeometry) {
  const x = (g.axis === "log" ? scaleLog() : scaleLinear()).domain([g.tauMin, g.tauMax]).range([g.margin.left, g.width - g.margin.right]);
  const y = scaleLinear().domain([0, 1]).range([g.height - g.margin.bottom, g.margin.top]);
  return { x, y };
}

function xTicks(g: ProfileGeometry, x: (v: number) => number): Tick[] {
  const values =
    g.axis === "log"
      ? [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 20, 50, 100].filter((v) => v >= g.tauMin && v <= g.tauMax)
      : scaleLinear().domain([g.tauMin, g.tauMax]).ticks(8);
  return values.map((v) => ({ at: x(v), label: String(Number(v.toPrecision(4))) }));
}

function yTicks(n: number, y: (v: number) => number): Tick[] {
  // Every attainable value k/n when there are few workloads: the plot then shows exact fractions.
  const values = n > 0 && n <= 10 ? Array.from({ length: n + 1 }, (_, k) => k / n) : [0, 0.2, 0.4, 0.6, 0.8, 1];
  return values.map((v) => ({ at: y(v), label: n > 0 && n <= 10 ? `${Math.round(v * n)}/${n}` : v.toFixed(1) }));
}

export function ProfilePlot({ id, series, n, geometry, title, description }: { id: string; series: ProfileSeries[]; n: number; geometry: ProfileGeometry; title: string; description: string }) {
  const { x, y } = profileScales(geometry);
  const { width, height, margin } = geometry;
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))
    .curve(curveStepAfter);
  return (
    <ScrollRegion label={title}>
    <svg style={{ minWidth: width }}
      id={id}
      className="profile-plot h-auto w-full select-none"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-curves={series.length}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <AxisLeft ticks={yTicks(n, y)} x={margin.left} y0={margin.top} y1={height - margin.bottom} label="ρ(τ): fraction of workloads" grid={{ right: width - margin.right }} />
      <AxisBottom
        ticks={xTicks(geometry, x)}
        y={height - margin.bottom}
        x0={margin.left}
        x1={width - margin.right}
        label={`τ: time relative to the pool's best${geometry.axis === "log" ? " (log scale)" : ""}`}
        grid={{ top: margin.top }}
      />
      <g fill="none" strokeLinejoin="round" strokeLinecap="butt">
        {series.map((s) => (
          <path
            key={s.key}
            className="series"
            data-series={s.key}
            d={path(s.steps) ?? ""}
            stroke={s.style.color}
            strokeWidth={1.75}
            strokeDasharray={s.style.dash || undefined}
          >
            <title>{`${s.name}: score ${s.score}`}</title>
          </path>
        ))}
      </g>
    </svg>
    </ScrollRegion>
  );
}
