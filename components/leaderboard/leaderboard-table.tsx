// The ranked table of a pool, rendered on the server. Sorting is a link per
// column header (the `sort`/`dir` URL parameters), so it works without
// JavaScript, survives a reload and can be shared.
import Link from "next/link";
import type { Leaderboard, LeaderboardRow } from "@/lib/server/services/leaderboard";
import { formatHorizon, formatScore, scoreDigits, shortFamily } from "@/lib/views/format";
import { viewHref, type ViewQuery } from "@/lib/views/query";
import { defaultDirection } from "@/lib/views/sort";
import { CompletenessBadge } from "./completeness-badge";
import { WorkloadCell } from "./workload-cell";
import { UnverifiedBadge } from "./unverified";
import { FramedTable } from "@/components/ui/table";

/** Letters and digits only, lower case: "Schedule Free AdamW" and "Schedule-Free AdamW" name the same thing. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** An extra column after the score, e.g. a bootstrap interval from the analysis views. */
export interface ExtraColumn {
  id: string;
  header: React.ReactNode;
  cell: (row: LeaderboardRow) => React.ReactNode;
}

interface Props {
  lb: Leaderboard;
  rows: LeaderboardRow[];
  /** Path the sort links point at (the current page). */
  path: string;
  query: ViewQuery;
  submissionHref: (slug: string) => string;
  workloadHref: (key: string) => string;
  extraColumns?: ExtraColumn[];
}

function SortHeader({
  column,
  label,
  path,
  query,
  className,
  title,
  after,
}: {
  column: string;
  label: React.ReactNode;
  path: string;
  query: ViewQuery;
  className?: string;
  title?: string;
  after?: React.ReactNode;
}) {
  const current = (query.sort ?? "rank") === column;
  const dir = query.dir ?? defaultDirection(column);
  const nextDir = current ? (dir === "asc" ? "desc" : "asc") : defaultDirection(column);
  const href = viewHref(path, {
    ...query,
    sort: column === "rank" && nextDir === "asc" ? undefined : column,
    dir: nextDir === defaultDirection(column) ? undefined : nextDir,
  });
  return (
    <th
      scope="col"
      aria-sort={current ? (dir === "asc" ? "ascending" : "descending") : undefined}
      className={`px-2 py-2 align-bottom font-medium ${className ?? ""}`}
      title={title}
    >
      <Link
        href={href}
        scroll={false}
        prefetch={false}
        className="inline-flex items-center gap-1 hover:text-zinc-900 hover:underline dark:hover:text-zinc-100"
        data-sort={column}
      >
        {label}
        <span aria-hidden="true" className={current ? "" : "opacity-0"}>
          {dir === "asc" ? "▲" : "▼"}
        </span>
      </Link>
      {after}
    </th>
  );
}

export function LeaderboardTable({ lb, rows, path, query, submissionHref, workloadHref, extraColumns = [] }: Props) {
  const digits = scoreDigits(lb.round.timeBasis);
  const basis = lb.round.timeBasis;
  const sticky = "sticky left-0 z-[1] w-10";
  const stickyName = "sticky left-10 z-[1]";
  const bodyBg = "bg-white dark:bg-zinc-950";
  // AlgoPerf submissions have no training horizon: no column of dashes there.
  const hasHorizon = rows.some((r) => r.horizon !== null);
  return (
    <FramedTable
      id="leaderboard"
      caption={
        <>
          Leaderboard of {lb.round.name}: {rows.length} submissions. Per workload: time to target ({basis === "seconds" ? "seconds" : "fraction of the budget"})
          and ratio to the pool&apos;s best time. Column headers sort the table.
        </>
      }
      className="w-full border-collapse text-sm"
    >
      <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
        <tr>
          <SortHeader
            column="rank"
            label="#"
            path={path}
            query={query}
            className={`w-10 text-right ${sticky} bg-zinc-50 dark:bg-zinc-900`}
            title="Rank by score"
          />
          <SortHeader column="name" label="Submission" path={path} query={query} className={`min-w-36 sm:min-w-44 ${stickyName} bg-zinc-50 dark:bg-zinc-900`} />
          <SortHeader
            column="score"
            label="Score"
            path={path}
            query={query}
            className="text-right"
            title="AlgoPerf benchmark score: area under the performance profile, normalised"
          />
          {extraColumns.map((c) => (
            <th key={c.id} scope="col" className="px-2 py-2 align-bottom font-medium">
              {c.header}
            </th>
          ))}
          <SortHeader
            column="hits"
            label="Targets"
            path={path}
            query={query}
            className="text-right"
            title="Base workloads whose target counts (reached, within 4× of the best, variants passed)"
          />
          <SortHeader column="family" label="Family" path={path} query={query} className="min-w-28" />
          <SortHeader column="base" label="Base optimizer" path={path} query={query} title="Optimizer the submission builds on (sorts by base algorithm)" />
          {hasHorizon && (
            <SortHeader column="horizon" label="Horizon" path={path} query={query} title="Fraction of the step budget at which the schedule decays to zero" />
          )}
          {lb.workloads.map((w) => (
            <SortHeader
              key={w.key}
              column={`w:${w.key}`}
              path={path}
              query={query}
              className="min-w-20 border-l border-zinc-200 text-right dark:border-zinc-800"
              title={`${w.displayName}: target ${w.metricLabel ?? w.metricName} ${w.direction === "min" ? "≤" : "≥"} ${w.target}. Sort by ratio.`}
              label={
                <span className="flex flex-col items-end leading-tight" data-workload-header={w.key}>
                  <span>{w.dataset ?? w.displayName}</span>
                  <span className="font-normal whitespace-nowrap text-zinc-500">{w.model}</span>
                </span>
              }
              after={
                <Link
                  href={workloadHref(w.key)}
                  prefetch={false}
                  className="block text-[10px] font-normal text-sky-700 hover:underline dark:text-sky-400"
                  aria-label={`details: ${w.displayName} per-workload table`}
                >
                  details
                </Link>
              }
            />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.key}
            data-submission={r.slug}
            data-rank={r.rank}
            className="border-t border-zinc-100 hover:bg-zinc-50/60 dark:border-zinc-800 dark:hover:bg-zinc-900/60"
          >
            <td className={`num px-2 py-1 text-right align-top text-zinc-500 ${sticky} ${bodyBg}`} data-field="rank">
              {r.rank}
            </td>
            <td className={`px-2 py-1 align-top ${stickyName} ${bodyBg}`}>
              <Link href={submissionHref(r.slug)} prefetch={false} className="font-medium hover:underline" data-field="name">
                {r.displayName}
              </Link>
              <CompletenessBadge completeness={r.completeness} />
              {r.source !== "published" && (
                <span className="ml-2 rounded-full bg-amber-100 px-1.5 py-0.5 text-[10px] font-medium text-amber-900 uppercase dark:bg-amber-900/40 dark:text-amber-200">
                  {r.source}
                </span>
              )}
              {!r.verified && <UnverifiedBadge />}
              {r.baseAlgorithm && !squash(r.displayName).includes(squash(r.baseAlgorithm)) && <div className="text-xs text-zinc-500">{r.baseAlgorithm}</div>}
            </td>
            <td
              className="num px-2 py-1 text-right align-top font-semibold"
              data-field="score"
              data-value={r.score}
              title={r.publishedScore !== null ? `Published score ${formatScore(r.publishedScore, digits)} (in the published pool)` : undefined}
            >
              {formatScore(r.score, digits)}
            </td>
            {extraColumns.map((c) => (
              <td key={c.id} className="px-2 py-1 align-top">
                {c.cell(r)}
              </td>
            ))}
            <td className="num px-2 py-1 text-right align-top" data-field="targets">
              {r.targetsHit}
              <span className="text-zinc-500">/{lb.workloads.length}</span>
            </td>
            <td className="px-2 py-1 align-top text-xs text-zinc-600 dark:text-zinc-400" data-field="family" title={r.family ?? undefined}>
              {shortFamily(r.family)}
            </td>
            <td className="px-2 py-1 align-top text-xs" data-field="base-optimizer">
              {r.baseOptimizer ?? "–"}
            </td>
            {hasHorizon && (
              <td className="num px-2 py-1 align-top text-xs" data-field="horizon">
                {formatHorizon(r.horizon)}
              </td>
            )}
            {lb.workloads.map((w) => (
              <WorkloadCell key={w.key} cell={r.cells[w.key]!} workload={w} basis={basis} best={lb.best[w.key]} />
            ))}
          </tr>
        ))}
      </tbody>
    </FramedTable>
  );
}
