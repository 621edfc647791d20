// Times to target on one workload, one bar per submission that reached it,
// with the pool's best, the 4x cut-off (docs/scoring.md §3.4) and the budget
// marked. Drawn on the server from d3 scales.
import { scaleBand, scaleLinear } from "d3";
import type { CellStatus } from "@/lib/scoring";
import { AxisBottom } from "./axes";
import { ChartFrame } from "./chart-frame";
import { truncate } from "@/lib/views/format";

export interface TimeBar {
  key: string;
  name: string;
  time: number;
  status: CellStatus | null;
  label: string;
}

const W = 880;
const M = { top: 20, right: 24, bottom: 46, left: 210 };
const BAND = 20;

export function TimesChart({
  id,
  bars,
  best,
  budget,
  unit,
  title,
}: {
  id: string;
  bars: TimeBar[];
  best: number | null;
  budget: number | null;
  unit: string;
  title: string;
}) {
  const shown = bars.filter((b) => Number.isFinite(b.time));
  const height = M.top + M.bottom + Math.max(1, shown.length) * BAND;
  const max = Math.max(...shown.map((b) => b.time), best !== null && Number.isFinite(best) ? best * 4 : 0, budget ?? 0) * 1.04 || 1;
  const x = scaleLinear()
    .domain([0, max])
    .range([M.left, W - M.right])
    .nice();
  const y = scaleBand<string>()
    .domain(shown.map((b) => b.key))
    .range([M.top, height - M.bottom])
    .padding(0.22);
  const ticks = x.ticks(8).map((v) => ({ at: x(v), label: unit === "s" ? v.toLocaleString("en-US") : String(v) }));
  const marks: { at: number; label: string; dash: string }[] = [];
  if (best !== null && Number.isFinite(best)) {
    marks.push({ at: best, label: "best", dash: "" });
    if (best * 4 <= x.domain()[1]!) marks.push({ at: best * 4, label: "4× best", dash: "4 3" });
  }
  if (budget !== null) marks.push({ at: budget, label: "budget", dash: "1 3" });
  return (
    <ChartFrame id={id} title={title} width={W} height={height} className="h-auto w-full" data={{ "data-bars": shown.length }}>
      <AxisBottom
        ticks={ticks}
        y={height - M.bottom}
        x0={M.left}
        x1={W - M.right}
        label={unit === "s" ? "time to target (seconds)" : "time to target (fraction of the budget)"}
        grid={{ top: M.top }}
      />
      {shown.map((b) => {
        const counted = b.status === "hit";
        return (
          <g key={b.key} data-bar={b.key}>
            <text x={M.left - 8} y={y(b.key)! + y.bandwidth() / 2} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
              {truncate(b.name, 30)}
            </text>
            <rect
              x={M.left}
              y={y(b.key)}
              width={Math.max(1, x(b.time) - M.left)}
              height={y.bandwidth()}
              fill={counted ? "var(--series-0)" : "currentColor"}
              fillOpacity={counted ? 0.85 : 0.25}
            >
              <title>{`${b.name}: ${b.label}`}</title>
            </rect>
          </g>
        );
      })}
      {marks.map((m) => (
        <g key={m.label} className="text-zinc-700 dark:text-zinc-300" aria-hidden="true">
          <line x1={x(m.at)} x2={x(m.at)} y1={M.top - 6} y2={height - M.bottom} stroke="currentColor" strokeDasharray={m.dash || undefined} />
          <text x={x(m.at)} y={M.top - 9} textAnchor="middle" fontSize={11} fill="currentColor">
            {m.label}
          </text>
        </g>
      ))}
    </ChartFrame>
  );
}
