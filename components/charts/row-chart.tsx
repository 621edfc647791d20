// The layout shared by the charts with one row per submission (interval bars,
// the pool-shift dumbbells): a label column at the left, a linear x axis over
// the rows, a note column at the right.
import { scaleLinear } from "d3";
import { truncate } from "@/lib/views/format";
import type { Tick } from "./axes";

export function rowLayout({
  rows,
  rowHeight,
  margin,
  width,
  domain,
}: {
  rows: number;
  rowHeight: number;
  margin: { top: number; right: number; bottom: number; left: number };
  width: number;
  domain: readonly [number, number];
}) {
  const height = margin.top + rows * rowHeight + margin.bottom;
  const x = scaleLinear()
    .domain([...domain])
    .range([margin.left, width - margin.right])
    .nice();
  const tickFormat = x.tickFormat(8);
  const ticks: Tick[] = x.ticks(8).map((t) => ({ at: x(t), label: tickFormat(t) }));
  /** The vertical middle of row i. */
  const rowY = (i: number) => margin.top + (i + 0.5) * rowHeight;
  return { height, bottom: height - margin.bottom, x, ticks, rowY };
}

/** A row's name, right-aligned against the plot at `x`, cut to `max` characters (the tooltip has it whole). */
export function RowLabel({ x, y, text, max, className = "fill-current" }: { x: number; y: number; text: string; max: number; className?: string }) {
  return (
    <text x={x - 10} y={y} dy="0.32em" textAnchor="end" className={className}>
      {truncate(text, max)}
    </text>
  );
}

/** Short text right of the plot at `x` (a difference, tied-group letters). */
export function RowNote({ x, y, children }: { x: number; y: number; children: React.ReactNode }) {
  return (
    <text x={x + 10} y={y} dy="0.32em" className="fill-zinc-600 font-mono dark:fill-zinc-300">
      {children}
    </text>
  );
}
