// SVG axes drawn from precomputed ticks (d3 scales give the positions), so
// charts render on the server without d3-axis touching the DOM.

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
