// The marks of one series in the line-style charts (bump, line): its line with
// a dot per value, and its label in the column right of the plot, joined by a
// leader to where the series ends. Groups carry data-series for SeriesHighlight.

/** One series: its line and a dot per drawn point (null = not drawn), in the series colour. */
export function SeriesLine({
  seriesKey,
  color,
  title,
  d,
  dots,
  r,
  dashed = false,
}: {
  seriesKey: string;
  color: string;
  /** Native tooltip: the series' name and values. */
  title: string;
  /** SVG path of the line. */
  d: string;
  dots: readonly ({ x: number; y: number } | null)[];
  r: number;
  dashed?: boolean;
}) {
  return (
    <g data-series={seriesKey} style={{ color }}>
      <title>{title}</title>
      <path d={d} fill="none" stroke="currentColor" strokeWidth={2} strokeOpacity={0.85} strokeDasharray={dashed ? "6 4" : undefined} />
      {dots.map((p, i) => (p ? <circle key={i} cx={p.x} cy={p.y} r={r} fill="currentColor" /> : null))}
    </g>
  );
}

/** A series' label at height `at` right of `x`, with a leader from the series' end at `from` (none when null). */
export function EndLabel({
  seriesKey,
  color,
  x,
  from,
  at,
  children,
}: {
  seriesKey: string;
  color: string;
  x: number;
  from: number | null;
  at: number;
  children: React.ReactNode;
}) {
  return (
    <g data-series={seriesKey} fontSize={11} style={{ color }}>
      {from !== null && <line x1={x + 5} x2={x + 22} y1={from} y2={at} stroke="currentColor" strokeOpacity={0.5} />}
      <text x={x + 26} y={at} dy="0.32em" className="fill-zinc-800 dark:fill-zinc-200">
        {children}
      </text>
    </g>
  );
}
