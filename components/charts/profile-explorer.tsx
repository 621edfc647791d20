"use client";
// Interaction on top of the server-rendered profile plot: hover highlight
// linked between the curves and the legend table, a tooltip with the exact
// rho at the pointer, toggles (kept in the URL as `hide`), and downloads as
// SVG, PNG and CSV. It never redraws the curves: highlight and visibility are
// CSS rules it writes into a <style> element, so the server's SVG stays as is.
import Link from "next/link";
import { useCallback, useMemo, useRef, useState } from "react";
import type { ProfileGeometry } from "./profile-plot";
import { downloadBlob, svgForExport, svgToPng } from "./export-svg";
import { TableHead } from "@/components/ui/table";

export interface ExplorerSeries {
  key: string;
  name: string;
  href: string;
  rank: number;
  score: string;
  targetsHit: number;
  steps: [number, number][];
  color: string;
  dash: string;
}

interface Props {
  plotId: string;
  series: ExplorerSeries[];
  /** Number of base workloads (rho is k/n). */
  n: number;
  geometry: ProfileGeometry;
  initialHidden: string[];
  csvHref: string;
  fileName: string;
  /** Links to the same view with a linear and a log tau axis (the hidden curves are added here). */
  axis: { current: "linear" | "log"; linear: string; log: string };
  children: React.ReactNode;
}

/** CSS string escape for attribute selectors: anything but [A-Za-z0-9_-] as a hex escape (keys come from data). */
function cssString(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
}

/** `href` with the hidden curves as `hide` parameters. */
function withHidden(href: string, hidden: ReadonlySet<string>): string {
  if (hidden.size === 0) return href;
  const [path, query = ""] = href.split("?");
  const params = new URLSearchParams(query);
  params.delete("hide");
  for (const k of hidden) params.append("hide", k);
  return `${path}?${params}`;
}

function rhoAt(steps: readonly [number, number][], tau: number): number {
  let value = 0;
  for (const [t, r] of steps) {
    if (t > tau) break;
    value = r;
  }
  return value;
}

interface Hover {
  /** Pointer position in container pixels. */
  left: number;
  top: number;
  /** Container width, to flip the tooltip to the left near the right edge. */
  width: number;
  tau: number;
  rho: number;
  keys: string[];
}

export function ProfileExplorer({ plotId, series, n, geometry, initialHidden, csvHref, fileName, axis, children }: Props) {
  const [hidden, setHidden] = useState(() => new Set(initialHidden.filter((k) => series.some((s) => s.key === k))));
  const [focus, setFocus] = useState<string | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const byKey = useMemo(() => new Map(series.map((s) => [s.key, s])), [series]);

  const updateHidden = useCallback((next: Set<string>) => {
    setHidden(next);
    // Shareable without a server round trip: Next.js integrates native history calls with its router.
    const url = new URL(window.location.href);
    url.searchParams.delete("hide");
    for (const k of next) url.searchParams.append("hide", k);
    window.history.replaceState(null, "", url);
  }, []);

  const active = hover ? hover.keys : focus ? [focus] : [];
  const legendId = `${plotId}-legend`;
  const rules: string[] = [];
  for (const k of hidden) rules.push(`#${plotId} .series[data-series="${cssString(k)}"]{display:none}`);
  if (active.length) {
    rules.push(`#${plotId} .series{opacity:.14}`);
    for (const k of active) {
      rules.push(`#${plotId} .series[data-series="${cssString(k)}"]{opacity:1;stroke-width:3.5px}`);
      rules.push(`#${legendId} tr[data-series="${cssString(k)}"]{background:rgb(var(--cell-hue) / .14)}`);
    }
  }

  const onMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const container = box.current;
    const svg = container?.querySelector("svg");
    if (!container || !svg) return;
    const ctm = svg.getScreenCTM();
    if (!ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const { margin, width, height, tauMin, tauMax, axis } = geometry;
    const x0 = margin.left;
    const x1 = width - margin.right;
    const y0 = height - margin.bottom;
    const y1 = margin.top;
    if (p.x < x0 || p.x > x1 || p.y < y1 || p.y > y0) {
      setHover(null);
      return;
    }
    const f = (p.x - x0) / (x1 - x0);
    const tau = axis === "log" ? Math.exp(Math.log(tauMin) + f * (Math.log(tauMax) - Math.log(tauMin))) : tauMin + f * (tauMax - tauMin);
    const pointerRho = (y0 - p.y) / (y0 - y1);
    // The curves nearest the pointer: every visible series whose rho at tau is closest to the pointer's height.
    let best = Infinity;
    let keys: string[] = [];
    let rho = 0;
    for (const s of series) {
      if (hidden.has(s.key)) continue;
      const r = rhoAt(s.steps, tau);
      const d = Math.abs(r - pointerRho);
      if (d < best - 1e-12) {
        best = d;
        keys = [s.key];
        rho = r;
      } else if (Math.abs(d - best) <= 1e-12 && r === rho) keys.push(s.key);
    }
    const rect = container.getBoundingClientRect();
    setHover({ left: e.clientX - rect.left, top: e.clientY - rect.top, width: rect.width, tau, rho, keys });
  };

  const download = async (kind: "svg" | "png") => {
    const svg = box.current?.querySelector("svg");
    if (!svg) return;
    setBusy(true);
    try {
      const text = svgForExport(svg, hidden);
      if (kind === "svg") downloadBlob(new Blob([text], { type: "image/svg+xml" }), `${fileName}.svg`);
      else downloadBlob(await svgToPng(text, geometry.width, geometry.height, 2), `${fileName}.png`);
    } finally {
      setBusy(false);
    }
  };

  const visible = series.length - hidden.size;
  const tooltipNames = hover ? hover.keys.map((k) => byKey.get(k)!.name) : [];
  const buttonClass =
    "rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

  return (
    <div className="space-y-3">
      <style>{rules.join("\n")}</style>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Profile plot tools">
        <span className="text-xs text-zinc-500" aria-live="polite">
          {visible} of {series.length} curves shown
        </span>
        <button type="button" className={buttonClass} onClick={() => updateHidden(new Set())} disabled={hidden.size === 0}>
          Show all
        </button>
        <button type="button" className={buttonClass} onClick={() => updateHidden(new Set(series.map((s) => s.key)))} disabled={visible === 0}>
          Hide all
        </button>
        <button type="button" className={buttonClass} onClick={() => updateHidden(new Set(series.filter((s) => s.rank > 10).map((s) => s.key)))}>
          Top 10 only
        </button>
        <span className="mx-1 h-4 w-px bg-zinc-300 dark:bg-zinc-700" aria-hidden="true" />
        <button type="button" className={buttonClass} onClick={() => void download("svg")} disabled={busy}>
          Download SVG
        </button>
        <button type="button" className={buttonClass} onClick={() => void download("png")} disabled={busy}>
          Download PNG
        </button>
        <a className={buttonClass} href={csvHref} download>
          Download CSV
        </a>
        <div className="ml-auto flex overflow-hidden rounded border border-zinc-300 text-xs dark:border-zinc-700" role="group" aria-label="τ axis">
          {(["linear", "log"] as const).map((a) => (
            <Link
              key={a}
              href={withHidden(axis[a], hidden)}
              scroll={false}
              prefetch={false}
              aria-current={axis.current === a ? "true" : undefined}
              className={`px-2 py-1 ${axis.current === a ? "bg-sky-700 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
              data-axis={a}
            >
              {a === "linear" ? "Linear τ" : "Log τ"}
            </Link>
          ))}
        </div>
      </div>
      <div ref={box} className="relative" onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        {children}
        {hover && (
          <>
            <div className="pointer-events-none absolute top-0 bottom-0 w-px bg-zinc-400/70" style={{ left: hover.left }} aria-hidden="true" />
            <div
              role="status"
              className="pointer-events-none absolute z-10 max-w-xs rounded-md border border-zinc-200 bg-white/95 px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900/95"
              style={{
                left: hover.left > hover.width - 260 ? undefined : hover.left + 14,
                right: hover.left > hover.width - 260 ? hover.width - hover.left + 14 : undefined,
                top: Math.max(0, hover.top - 10),
              }}
            >
              <div className="num font-medium">
                τ = {hover.tau.toFixed(3)} · ρ = {Math.round(hover.rho * n)}/{n} ({hover.rho.toFixed(3)})
              </div>
              <ul className="mt-1 space-y-0.5">
                {tooltipNames.slice(0, 8).map((name, i) => (
                  <li key={hover.keys[i]} className="truncate">
                    {name} <span className="text-zinc-500">· score {byKey.get(hover.keys[i]!)!.score}</span>
                  </li>
                ))}
                {tooltipNames.length > 8 && <li className="text-zinc-500">and {tooltipNames.length - 8} more at this value</li>}
              </ul>
            </div>
          </>
        )}
      </div>
      <div className="relative overflow-x-auto">
        <table id={legendId} className="w-full text-sm" aria-describedby={`${plotId}-legend-caption`}>
          <caption id={`${plotId}-legend-caption`} className="sr-only">
            Legend: one row per curve, in rank order. Hover or focus a row to highlight its curve; untick to hide it.
          </caption>
          <TableHead
            columns={[
              { label: "Show", className: "w-12 py-1 pr-2" },
              { label: "Curve", className: "w-16 pr-2" },
              { label: "Rank", className: "w-12 pr-2 text-right" },
              { label: "Submission", className: "pr-2" },
              { label: "Score", className: "pr-2 text-right" },
              { label: "Targets", className: "pr-2 text-right" },
              {
                label: `ρ(${geometry.tauMin})`,
                className: "pr-2 text-right",
                title: "Fraction of workloads where this submission is the fastest of the pool",
              },
              { label: `ρ(${geometry.tauMax})`, className: "text-right", title: `Fraction of workloads within ${geometry.tauMax}× the fastest` },
            ]}
          />
          <tbody>
            {series.map((s) => {
              const shown = !hidden.has(s.key);
              return (
                <tr
                  key={s.key}
                  data-series={s.key}
                  className="border-t border-zinc-100 dark:border-zinc-800"
                  onMouseEnter={() => setFocus(s.key)}
                  onMouseLeave={() => setFocus(null)}
                  onFocus={() => setFocus(s.key)}
                  onBlur={() => setFocus(null)}
                >
                  <td className="py-1 pr-2">
                    <input
                      type="checkbox"
                      className="h-4 w-4 accent-sky-700"
                      checked={shown}
                      aria-label={`Show ${s.name}`}
                      onChange={() => {
                        const next = new Set(hidden);
                        if (shown) next.add(s.key);
                        else next.delete(s.key);
                        updateHidden(next);
                      }}
                    />
                  </td>
                  <td className="pr-2">
                    <svg width="44" height="10" aria-hidden="true" className={shown ? "" : "opacity-30"}>
                      <line x1="2" x2="42" y1="5" y2="5" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash || undefined} />
                    </svg>
                  </td>
                  <td className="num pr-2 text-right">{s.rank}</td>
                  <td className="pr-2">
                    <Link href={s.href} prefetch={false} className="hover:underline">
                      {s.name}
                    </Link>
                  </td>
                  <td className="num pr-2 text-right font-medium">{s.score}</td>
                  <td className="num pr-2 text-right">
                    {s.targetsHit}/{n}
                  </td>
                  <td className="num pr-2 text-right">
                    {Math.round(rhoAt(s.steps, geometry.tauMin) * n)}/{n}
                  </td>
                  <td className="num text-right">
                    {Math.round(rhoAt(s.steps, geometry.tauMax) * n)}/{n}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
