// The validation metric of each run over time (or steps), with the target
// line and each run's first hit marked: the raw evidence behind a
// time-to-target. Drawn on the server with d3 scales and line generators.
import { extent, line, scaleLinear } from "d3";
import { formatMetric } from "@/lib/views/format";
import { seriesStyle } from "@/lib/views/palette";
import { AxisBottom, AxisLeft } from "./axes";
import { ChartFrame } from "./chart-frame";

export interface EvalCurve {
  key: string;
  label: string;
  x: number[];
  y: number[];
  /** Index in x and y of the first eval that met the target (docs/scoring.md §1.4), or null. */
  hitIndex: number | null;
  /** Palette index of its style (default: its position), e.g. one colour per submission when comparing two. */
  styleIndex?: number;
  /** Its eval number in the whole series, when x and y are a downsampled series (default: hitIndex). */
  hitEval?: number | null;
}

const W = 520;
const H = 260;
const M = { top: 14, right: 16, bottom: 44, left: 62 };

export function EvalCurves({
  id,
  title,
  curves,
  target,
  direction,
  metricLabel,
  xLabel,
  budget,
}: {
  id: string;
  title: string;
  curves: EvalCurve[];
  target: number;
  direction: "min" | "max";
  metricLabel: string;
  xLabel: string;
  budget: number | null;
}) {
  const xs = curves.flatMap((c) => c.x.filter(Number.isFinite));
  const ys = curves.flatMap((c) => c.y.filter(Number.isFinite));
  const [x0 = 0, x1 = 1] = extent(budget !== null ? [...xs, budget, 0] : [...xs, 0]);
  const [y0 = 0, y1 = 1] = extent([...ys, target]);
  const x = scaleLinear()
    .domain([x0, x1 === x0 ? x0 + 1 : x1])
    .range([M.left, W - M.right])
    .nice();
  const y = scaleLinear()
    .domain([y0, y1 === y0 ? y0 + 1 : y1])
    .range([H - M.bottom, M.top])
    .nice();
  const path = line<[number, number]>()
    .defined((d) => Number.isFinite(d[0]) && Number.isFinite(d[1]))
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const fmtX = (v: number) => (Math.abs(v) >= 10_000 ? `${Math.round(v / 1000)}k` : String(Number(v.toPrecision(4))));
  return (
    <ChartFrame id={id} title={title} width={W} height={H} className="h-auto w-full" data={{ "data-eval-curves": curves.length }}>
      <AxisLeft
        ticks={y.ticks(5).map((v) => ({ at: y(v), label: formatMetric(v) }))}
        x={M.left}
        y0={M.top}
        y1={H - M.bottom}
        label={metricLabel}
        grid={{ right: W - M.right }}
      />
      <AxisBottom ticks={x.ticks(6).map((v) => ({ at: x(v), label: fmtX(v) }))} y={H - M.bottom} x0={M.left} x1={W - M.right} label={xLabel} />
      <g className="text-red-700 dark:text-red-400" data-target={target}>
        <line x1={M.left} x2={W - M.right} y1={y(target)} y2={y(target)} stroke="currentColor" strokeDasharray="6 4" strokeWidth={1.5} />
        <text x={M.left + 6} y={y(target) - 5} fontSize={11} fill="currentColor">
          target {direction === "min" ? "≤" : "≥"} {formatMetric(target)}
        </text>
      </g>
      {budget !== null && (
        <g className="text-zinc-500" aria-hidden="true">
          <line x1={x(budget)} x2={x(budget)} y1={M.top} y2={H - M.bottom} stroke="currentColor" strokeDasharray="1 3" />
          <text x={x(budget) - 3} y={M.top + 9} textAnchor="end" fontSize={11} fill="currentColor">
            budget
          </text>
        </g>
      )}
      <g fill="none" strokeWidth={1.5}>
        {curves.map((c, i) => {
          const style = seriesStyle(c.styleIndex ?? i);
          const points = c.x.map((v, k) => [v, c.y[k] ?? NaN] as [number, number]);
          const hit = c.hitIndex !== null ? points[c.hitIndex] : undefined;
          return (
            <g key={c.key} data-run={c.key}>
              <path d={path(points) ?? ""} stroke={style.color} strokeDasharray={style.dash || undefined}>
                <title>{c.label}</title>
              </path>
              {hit && Number.isFinite(hit[0]) && Number.isFinite(hit[1]) && (
                <circle cx={x(hit[0])} cy={y(hit[1])} r={3.5} fill={style.color} stroke="white" strokeWidth={1}>
                  <title>{`${c.label}: first hit at eval ${c.hitEval ?? c.hitIndex}, ${fmtX(hit[0])}, ${metricLabel} ${formatMetric(hit[1])}`}</title>
                </circle>
              )}
            </g>
          );
        })}
      </g>
    </ChartFrame>
  );
}
