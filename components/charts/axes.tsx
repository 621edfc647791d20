// SVG axes drawn from precomputed ticks (d3 scales give the positions, any
// scale type), so charts render on the server without d3-axis touching the
// DOM. Two looks: AxisBottom/AxisLeft draw the axis line and tick marks (the
// profile, time and eval charts); XAxis/YAxis draw grid lines only (the
// analysis charts, where the grid is the reading aid).

export interface Tick {
  /** Pixel position along the axis. */
  at: number;
  label: string;
}

export function AxisBottom({ ticks, y, x0, x1, label, grid }: { ticks: Tick[]; y: number; x0: number; x1: number; label?: string; grid?: { top: number } }) {
  return (
    <g className="text-zinc-500 dark:text-zinc-400" aria-hidden="true">
      {grid && ticks.map((t) => <line key={`g${t.at}`} x1={t.at} x2={t.at} y1={grid.top} y2={y} stroke="currentColor" strokeOpacity={0.15} />)}
      <line x1={x0} x2={x1} y1={y} y2={y} stroke="currentColor" />
      {ticks.map((t) => (
        <g key={t.at} transform={`translate(${t.at},${y})`}>
          <line y2={5} stroke="currentColor" />
          <text y={18} textAnchor="middle" fontSize={11} fill="currentColor">
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text x={(x0 + x1) / 2} y={y + 38} textAnchor="middle" fontSize={12} fill="currentColor">
          {label}
        </text>
      )}
    </g>
  );
}

export function AxisLeft({ ticks, x, y0, y1, label, grid }: { ticks: Tick[]; x: number; y0: number; y1: number; label?: string; grid?: { right: number } }) {
  return (
    <g className="text-zinc-500 dark:text-zinc-400" aria-hidden="true">
      {grid && ticks.map((t) => <line key={`g${t.at}`} x1={x} x2={grid.right} y1={t.at} y2={t.at} stroke="currentColor" strokeOpacity={0.15} />)}
      <line x1={x} x2={x} y1={y0} y2={y1} stroke="currentColor" />
      {ticks.map((t) => (
        <g key={t.at} transform={`translate(${x},${t.at})`}>
          <line x2={-5} stroke="currentColor" />
          <text x={-8} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text transform={`translate(${x - 44},${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
          {label}
        </text>
      )}
    </g>
  );
}

const TICK_TEXT = "fill-zinc-500 dark:fill-zinc-400";
const GRID = "stroke-zinc-200 dark:stroke-zinc-800";

/** Horizontal axis with vertical grid lines from `gridFrom` to `gridTo`. */
export function XAxis({
  ticks,
  y,
  gridFrom,
  gridTo,
  label,
  labelX,
  position = "bottom",
}: {
  ticks: Tick[];
  y: number;
  gridFrom: number;
  gridTo: number;
  label?: string;
  labelX?: number;
  position?: "top" | "bottom";
}) {
  const dy = position === "bottom" ? 14 : -6;
  return (
    <g aria-hidden="true" fontSize={11}>
      {ticks.map((t) => (
        <g key={`${t.at}-${t.label}`}>
          <line x1={t.at} x2={t.at} y1={gridFrom} y2={gridTo} className={GRID} />
          <text x={t.at} y={y + dy} textAnchor="middle" className={TICK_TEXT}>
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text
          x={labelX ?? ticks[ticks.length - 1]?.at ?? 0}
          y={y + (position === "bottom" ? 30 : -20)}
          textAnchor={labelX === undefined ? "end" : "middle"}
          className="fill-current"
        >
          {label}
        </text>
      )}
    </g>
  );
}

/** Vertical axis with horizontal grid lines from `gridFrom` to `gridTo`. */
export function YAxis({
  ticks,
  x,
  gridFrom,
  gridTo,
  label,
  labelY,
}: {
  ticks: Tick[];
  x: number;
  gridFrom: number;
  gridTo: number;
  label?: string;
  labelY?: number;
}) {
  return (
    <g aria-hidden="true" fontSize={11}>
      {ticks.map((t) => (
        <g key={`${t.at}-${t.label}`}>
          <line x1={gridFrom} x2={gridTo} y1={t.at} y2={t.at} className={GRID} />
          <text x={x - 6} y={t.at} dy="0.32em" textAnchor="end" className={TICK_TEXT}>
            {t.label}
          </text>
        </g>
      ))}
      {label && (
        <text transform={`translate(${x - 40},${labelY ?? 0}) rotate(-90)`} textAnchor="middle" className="fill-current">
          {label}
        </text>
      )}
    </g>
  );
}

/** The plotting area in SVG units: x from left to right, y from top to bottom. */
export interface PlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plotting area inside a chart's margins. */
export function plotBox(margin: { top: number; right: number; bottom: number; left: number }, width: number, height: number): PlotBox {
  return { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
}

/**
 * The grid-style axes of an x/y chart: y ticks with horizontal grid lines
 * across the box, x ticks at the bottom (with vertical grid lines unless
 * `xGrid` is false), each axis labelled at its middle.
 */
export function PlotAxes({ box, x, y, xLabel, yLabel, xGrid = true }: { box: PlotBox; x: Tick[]; y: Tick[]; xLabel: string; yLabel: string; xGrid?: boolean }) {
  return (
    <>
      <YAxis ticks={y} x={box.left} gridFrom={box.left} gridTo={box.right} label={yLabel} labelY={(box.top + box.bottom) / 2} />
      <XAxis ticks={x} y={box.bottom} gridFrom={xGrid ? box.top : box.bottom} gridTo={box.bottom} label={xLabel} labelX={(box.left + box.right) / 2} />
    </>
  );
}
