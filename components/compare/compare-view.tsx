// The head-to-head page's body: the geometric-mean speedup with its interval,
// per workload both times, the ratio b/a and the winner, and where A and B
// stand in the current pool (scores and profiles). Numbers come from
// compareSubmissions, the service behind GET .../compare, so the page and the
// JSON agree; data-value attributes carry the unrounded numbers.
import { PROFILE_SIZE, ProfilePlot, type ProfileGeometry } from "@/components/charts/profile-plot";
import { percent } from "@/components/analysis/format";
import type { CellStatus, TimeBasis } from "@/lib/scoring";
import type { CompareCell, CompareReport, CompareSide } from "@/lib/server/services/analysis-compare";
import type { WorkloadInfo } from "@/lib/server/services/catalog";
import { formatScore, formatTime, scoreDigits, STATUS_TEXT } from "@/lib/views/format";
import { seriesStyle } from "@/lib/views/palette";
import { profileSteps } from "@/lib/views/profile-steps";
import { formatSpeedup, speedupSentence } from "./format";
import { HEAD_TONE, TableHead } from "@/components/ui/table";

/** Palette indices of A and B in every chart of the page: colour 0 solid, colour 1 dashed. */
export const SIDE_STYLE = { a: 0, b: 9 } as const;

function statusText(c: CompareCell): string {
  if (c.status) return c.status === "hit" ? "reached" : STATUS_TEXT[c.status as CellStatus].label;
  return Number.isNaN(c.time) ? "no data" : c.time === Infinity ? "not reached" : "reached";
}

function TimeCell({ c, basis }: { c: CompareCell; basis: TimeBasis }) {
  return (
    <td className="num px-2 py-1 text-right" data-value={String(c.time)}>
      {c.time === Infinity ? <span title={`counted as ${formatTime(c.counted, basis)} (budget + 1 s)`}>missed</span> : formatTime(c.time, basis)}
      <div className="text-[10px] text-zinc-500">{statusText(c)}</div>
    </td>
  );
}

function Standing({ side, label, digits, poolSize }: { side: CompareSide; label: string; digits: number; poolSize: number }) {
  return (
    <p className="text-sm" data-standing={label.toLowerCase()}>
      <span className="font-semibold">{label}</span> {side.displayName}:{" "}
      {side.inPool ? (
        <>
          rank{" "}
          <span className="num" data-field="rank">
            {side.rank}
          </span>{" "}
          of {poolSize}, score{" "}
          <span className="num font-semibold" data-field="score" data-value={String(side.score)}>
            {formatScore(side.score, digits)}
          </span>
          , {side.targetsHit} targets
        </>
      ) : (
        <span className="text-zinc-500">not in the current pool (comparing does not add it)</span>
      )}
    </p>
  );
}

export function CompareView({ report, workloads }: { report: CompareReport; workloads: WorkloadInfo[] }) {
  const basis = report.round.timeBasis;
  const digits = scoreDigits(basis);
  const name = (k: string) => workloads.find((w) => w.key === k)?.displayName ?? k;
  const { a, b, speedup } = report;
  const s = report.settings;
  const geometry: ProfileGeometry = { ...PROFILE_SIZE, margin: { ...PROFILE_SIZE.margin }, tauMin: s.tauMin, tauMax: s.tauMax, axis: "linear" };
  const n = report.workloads.length;
  const series = (
    [
      ["a", a],
      ["b", b],
    ] as const
  )
    .filter(([, side]) => side.ratios !== null)
    .map(([k, side]) => ({
      key: side.key,
      name: side.displayName,
      steps: profileSteps(side.ratios!, n, s.tauMin, s.tauMax),
      style: seriesStyle(SIDE_STYLE[k]),
      score: formatScore(side.score, digits),
    }));
  return (
    <div className="space-y-5">
      <section aria-labelledby="speedup-title" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-section="speedup">
        <h2 id="speedup-title" className="text-sm font-semibold">
          Geometric-mean speedup
        </h2>
        <p className="mt-1 text-lg" data-sentence>
          {speedupSentence(speedup.value, a.displayName, b.displayName)}
        </p>
        <p className="mt-1 text-sm">
          Speedup of A over B:{" "}
          <strong className="num" data-field="speedup" data-value={String(speedup.value)}>
            {formatSpeedup(speedup.value)}
          </strong>
          {speedup.interval ? (
            <>
              {" "}
              · {Math.round(speedup.level * 100)}% interval{" "}
              <span className="num" data-field="interval" data-value={JSON.stringify(speedup.interval)}>
                {formatSpeedup(speedup.interval[0])}–{formatSpeedup(speedup.interval[1])}
              </span>{" "}
              · A faster in{" "}
              <span className="num" data-field="a-faster" data-value={String(speedup.aFaster)}>
                {percent(speedup.aFaster)}
              </span>{" "}
              of {speedup.resamples.toLocaleString("en-US")} resamples (seed {speedup.seed})
            </>
          ) : (
            <span className="text-zinc-500"> · no interval: neither side has more than one study on a workload</span>
          )}
        </p>
        <p className="mt-1 text-sm" data-field="record">
          A wins{" "}
          <span className="num" data-field="wins">
            {report.wins}
          </span>
          , loses{" "}
          <span className="num" data-field="losses">
            {report.losses}
          </span>
          , ties{" "}
          <span className="num" data-field="ties">
            {report.ties}
          </span>{" "}
          of {n} base workloads.
        </p>
        <details className="mt-2 max-w-4xl text-xs text-zinc-600 dark:text-zinc-400" open>
          <summary className="cursor-pointer">How the speedup is computed</summary>
          <p className="mt-1" data-convention>
            {speedup.convention}
          </p>
          <p className="mt-1">{speedup.intervalMethod}</p>
        </details>
      </section>

      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm" data-table="compare">
          <caption className="px-2 pt-2 pb-1 text-left text-xs text-zinc-500">
            Per base workload: median time to target over studies ({basis === "seconds" ? "seconds" : "fraction of the budget"}) and status in the current pool;
            ratio = B / A (above 1: A is faster).
          </caption>
          <TableHead
            cellClassName="px-2 py-1"
            className={HEAD_TONE.shaded}
            columns={[
              "Workload",
              { label: <>A: {a.displayName}</>, className: "px-2 py-1 text-right" },
              { label: <>B: {b.displayName}</>, className: "px-2 py-1 text-right" },
              { label: "B / A", className: "px-2 py-1 text-right" },
              "Faster",
            ]}
          />
          <tbody>
            {report.workloads.map((w) => (
              <tr key={w.workload} data-workload={w.workload} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {name(w.workload)}
                </th>
                <TimeCell c={w.a} basis={basis} />
                <TimeCell c={w.b} basis={basis} />
                <td className="num px-2 py-1 text-right" data-field="ratio" data-value={String(w.ratio)}>
                  {formatSpeedup(w.ratio)}
                </td>
                <td className="px-2 py-1" data-field="winner" data-value={String(w.winner)}>
                  {w.winner === "a"
                    ? "A"
                    : w.winner === "b"
                      ? "B"
                      : w.winner === "tie"
                        ? w.a.time === Infinity
                          ? "tie (both missed)"
                          : "tie"
                        : w.counted
                          ? "–"
                          : "left out (no data)"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="standing-title" className="space-y-2" data-section="standing">
        <h2 id="standing-title" className="text-sm font-semibold">
          In the current pool ({report.pool.length} submissions; {s.mode})
        </h2>
        <Standing side={a} label="A" digits={digits} poolSize={report.pool.length} />
        <Standing side={b} label="B" digits={digits} poolSize={report.pool.length} />
        {series.length > 0 && (
          <div className="max-w-3xl">
            <ProfilePlot
              id="compare-profiles"
              series={series}
              n={n}
              geometry={geometry}
              title={`Performance profiles of ${series.map((x) => x.name).join(" and ")} in the current pool`}
              description="rho(tau): the fraction of base workloads on which the submission is within a factor tau of the pool's best time. A solid, B dashed."
            />
            <p className="text-xs text-zinc-500">A solid, B dashed.</p>
          </div>
        )}
      </section>
    </div>
  );
}
