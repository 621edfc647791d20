// Axis pieces shared by the charts: ticks are computed by the caller from its
// D3 scale (any scale type), these only draw them. Server-renderable.

export interface Tick {
  /** Position along the axis, in SVG units. */
  at: number;
  label: string;
}

const TICK_TEXT = "fill-zinc-500 dark:fill-zinc-400";
const GRID = "stroke-zinc-200 dark:stroke-zinc-800";

/** Horizontal axis with vertical grid lines from `gridFrom` to `gridTo`. */
export function XAxis({ ticks, y, gridFrom, gridTo, label, labelX, position = "bottom" }: { ticks: Tick[]; y: number; gridFrom: number; gridTo: number; label?: string; labelX?: number; position?: "top" | "bottom" }) {
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
        <text x={labelX ?? ticks[ticks.length - 1]?.at ?? 0} y={y + (position === "bottom" ? 30 : -20)} textAnchor={labelX === undefined ? "end" : "middle"} className="fill-current">
          {label}
        </text>
      )}
    </g>
  );
}

/** Vertical axis with horizontal grid lines from `gridFrom` to `gridTo`. */
export function YAxis({ ticks, x, gridFrom, gridTo, label, labelY }: { ticks: Tick[]; x: number; gridFrom: number; gridTo: number; label?: string; labelY?: number }) {
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
