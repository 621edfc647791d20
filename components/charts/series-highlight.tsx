"use client";
// Emphasises one series of the server-rendered charts inside it: hover or
// focus a legend entry (or hover a series in a chart), click to pin. Dims the
// other series with one CSS rule, so the charts stay plain server SVG.
import { useState } from "react";

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
}

export function SeriesHighlight({
  id,
  legend,
  legendLabel = "Highlight a series",
  children,
}: {
  id: string;
  legend: readonly LegendEntry[];
  legendLabel?: string;
  children: React.ReactNode;
}) {
  const [pinned, setPinned] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const active = hovered ?? pinned;
  const seriesAt = (target: EventTarget) => (target instanceof Element ? (target.closest("svg [data-series]")?.getAttribute("data-series") ?? null) : null);
  return (
    <div data-highlight-root={id} data-active={active ?? ""} onMouseOver={(e) => setHovered(seriesAt(e.target))} onMouseLeave={() => setHovered(null)}>
      {active !== null && <style>{`[data-highlight-root="${id}"] svg [data-series]:not([data-series="${CSS.escape(active)}"]) { opacity: 0.12; }`}</style>}
      <div role="group" aria-label={legendLabel} className="mb-3 flex flex-wrap gap-1.5">
        {legend.map((s) => (
          <button
            key={s.key}
            type="button"
            data-legend={s.key}
            aria-pressed={pinned === s.key}
            onClick={() => setPinned(pinned === s.key ? null : s.key)}
            onMouseEnter={() => setHovered(s.key)}
            onMouseLeave={() => setHovered(null)}
            onFocus={() => setHovered(s.key)}
            onBlur={() => setHovered(null)}
            className="inline-flex items-center gap-1.5 rounded border border-zinc-200 px-2 py-0.5 text-xs hover:bg-zinc-100 aria-pressed:border-zinc-500 aria-pressed:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:border-zinc-400 dark:aria-pressed:bg-zinc-800"
          >
            <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: s.color }} />
            {s.label}
          </button>
        ))}
      </div>
      {children}
    </div>
  );
}
