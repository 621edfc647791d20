// Lines of a value along an ordered integer parameter (e.g. score vs tuning
// budget k). Server-renderable; wrap it in SeriesHighlight for hover/click
// emphasis (series carry data-series). Non-finite values break the line.
import { format, line, scaleLinear, scalePoint } from "d3";
import { XAxis, YAxis } from "./axes";

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
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      className="h-auto w-full max-w-[960px] text-zinc-900 dark:text-zinc-100"
      data-chart="lines"
    >
      <title>{title}</title>
      {description && <desc>{description}</desc>}
      <YAxis
        ticks={y.ticks(6).map((v) => ({ at: y(v), label: fmt(v) }))}
        x={margin.left}
        gridFrom={margin.left}
        gridTo={lastX}
        label={yLabel}
        labelY={(margin.top + bottom) / 2}
      />
      <XAxis
        ticks={xs.map((v) => ({ at: x(v)!, label: String(v) }))}
        y={bottom}
        gridFrom={margin.top}
        gridTo={bottom}
        label={xLabel}
        labelX={(margin.left + lastX) / 2}
      />
      {series.map((s) => (
        <g key={s.key} data-series={s.key} style={{ color: s.color }}>
          <title>{`${s.label}: ${s.values.map((v) => (Number.isFinite(v) ? fmt(v) : String(v))).join(", ")}`}</title>
          <path
            d={path([...s.values]) ?? ""}
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeOpacity={0.85}
            strokeDasharray={s.dashed ? "6 4" : undefined}
          />
          {s.values.map((v, i) => (Number.isFinite(v) ? <circle key={i} cx={x(xs[i]!)} cy={y(v)} r={3} fill="currentColor" /> : null))}
        </g>
      ))}
      {slots.map((s, i) => {
        const ly = margin.top + (i + 0.5) * slotHeight;
        const last = lastOf(s);
        return (
          <g key={s.key} data-series={s.key} fontSize={11} style={{ color: s.color }}>
            {Number.isFinite(last) && <line x1={lastX + 5} x2={lastX + 22} y1={y(last)} y2={ly} stroke="currentColor" strokeOpacity={0.5} />}
            <text x={lastX + 26} y={ly} dy="0.32em" className="fill-zinc-800 dark:fill-zinc-200">
              {s.label.length > 34 ? `${s.label.slice(0, 33)}…` : s.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
