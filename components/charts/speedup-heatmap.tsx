// The speedup matrix as a heat map, drawn on the server: row A, column B,
// colour = log of the geometric-mean speedup of A over B (purple: A faster,
// orange: B faster; PuOr is legible with colour-vision deficiencies), the
// interval in each cell's tooltip. Members are ordered by score.
import { interpolatePuOr, scaleDiverging } from "d3";

export interface HeatmapMember {
  key: string;
  label: string;
  href: string;
}

export interface HeatmapCell {
  speedup: number;
  interval: [number, number] | null;
  aFaster: number | null;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");

export function SpeedupHeatmap({ members, matrix, title }: { members: HeatmapMember[]; matrix: HeatmapCell[][]; title: string }) {
  const n = members.length;
  const cell = n <= 12 ? 44 : n <= 30 ? 22 : 12;
  const left = 170;
  const top = 150;
  const size = n * cell;
  // log(4) either side: beyond 4x (the profile's tau range) the colour saturates.
  const colour = scaleDiverging((t: number) => interpolatePuOr(1 - t))
    .domain([-Math.log(4), 0, Math.log(4)])
    .clamp(true);
  const short = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);
  return (
    <svg viewBox={`0 0 ${left + size + 130} ${top + size + 8}`} className="h-auto w-full max-w-4xl" role="img" aria-labelledby="heatmap-title" data-heatmap={n}>
      <title id="heatmap-title">{title}</title>
      {members.map((m, i) => (
        <a key={`r-${m.key}`} href={m.href}>
          <text x={left - 6} y={top + i * cell + cell / 2} textAnchor="end" dominantBaseline="middle" fontSize={Math.min(12, cell * 0.6)} fill="currentColor">
            {short(m.label)}
          </text>
        </a>
      ))}
      {members.map((m, j) => (
        <text
          key={`c-${m.key}`}
          transform={`translate(${left + j * cell + cell / 2},${top - 6}) rotate(-50)`}
          fontSize={Math.min(12, cell * 0.6)}
          fill="currentColor"
        >
          {short(m.label)}
        </text>
      ))}
      {matrix.map((row, i) =>
        row.map((c, j) => {
          const diagonal = i === j;
          const fill = diagonal || !Number.isFinite(c.speedup) ? "var(--color-zinc-200, #e4e4e7)" : colour(Math.log(c.speedup));
          const tip = diagonal
            ? members[i]!.label
            : !Number.isFinite(c.speedup)
              ? `${members[i]!.label} over ${members[j]!.label}: undefined, a base workload has data for one side only`
              : `${members[i]!.label} over ${members[j]!.label}: speedup ${fmt(c.speedup)}` +
                (c.interval
                  ? `, 95% interval ${fmt(c.interval[0])}–${fmt(c.interval[1])}, A faster in ${Math.round(c.aFaster! * 100)}% of resamples`
                  : ", no interval");
          return (
            <g key={`${i}-${j}`} data-cell={`${members[i]!.key}|${members[j]!.key}`} data-value={String(c.speedup)}>
              <rect x={left + j * cell} y={top + i * cell} width={cell - 1} height={cell - 1} fill={fill}>
                <title>{tip}</title>
              </rect>
              {cell >= 44 && !diagonal && (
                <text
                  x={left + j * cell + cell / 2}
                  y={top + i * cell + cell / 2}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  fontSize={10}
                  fill={Math.abs(Math.log(c.speedup)) > 0.8 ? "white" : "black"}
                  pointerEvents="none"
                >
                  {fmt(c.speedup)}
                </text>
              )}
            </g>
          );
        }),
      )}
    </svg>
  );
}
