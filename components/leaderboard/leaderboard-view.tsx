// The leaderboard of one round for the view in the URL (served at `/` for the
// default round and at /rounds/<round>): filters, pool, the scoring mode and
// the ranked table, all rendered on the server from what the page read
// (lib/server/pages/leaderboard.ts).
import { CiteThisView } from "@/components/cite/cite-this-view";
import { Suspense } from "react";
import { LeaderboardIntervals } from "./leaderboard-intervals";
import { intervalQuery, type LeaderboardPageData } from "@/lib/server/pages/leaderboard";
import { viewHref, EMPTY_QUERY } from "@/lib/views/query";
import { routes } from "@/lib/views/routes";
import { pageOf } from "@/lib/views/paging";
import { sortRows } from "@/lib/views/sort";
import { Notice, ViewErrorNotice } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { StaleNotice, UnavailableNotice } from "@/components/ui/outage-notice";
import { RoundPicker, RoundTabs, RoundTitle } from "@/components/rounds/round-header";
import { RoundRules } from "@/components/rounds/round-rules";
import { deltaColumn } from "./delta-column";
import { tieColumn } from "./tie-column";
import { LeaderboardTable } from "./leaderboard-table";
import { robustnessColumn } from "./robustness-column";
import { RoundControls } from "./round-controls";
import { ScoringNote } from "./scoring-note";
import { StatusLegend } from "./status-legend";
import { UnverifiedNotice, UnverifiedSection } from "./unverified";

/**
 * Rows per page of the table: a pool of hundreds of submissions is shown 50
 * at a time (the first page, the default, is the top of the ranking), so a
 * page stays small however big the pool (docs/page-cache.md).
 */
export const LEADERBOARD_PAGE_ROWS = 50;

/** The page reads `data` (lib/server/pages/leaderboard.ts): components do not read the database. */
export function LeaderboardView({ path, data }: { path: string; data: LeaderboardPageData }) {
  const { round, query, issues, rounds } = data;
  if (!data.ok) {
    return (
      <div className="space-y-6">
        <RoundPicker rounds={rounds} current={round} />
        <h1 className="text-2xl font-semibold tracking-tight">
          Leaderboard · <code className="text-lg">{round}</code>
        </h1>
        {data.error.code === "SERVICE_UNAVAILABLE" ? (
          <UnavailableNotice what="This leaderboard" />
        ) : (
          <ViewErrorNotice error={data.error} href={path}>
            Open the round&apos;s default view
          </ViewErrorNotice>
        )}
      </div>
    );
  }
  const { lb, stale, at, previous, verdicts, ties, defaults } = data;
  const sorted = sortRows(lb.rows, query.sort, query.dir);
  const { items: rows, page, pages } = pageOf(sorted, data.page, LEADERBOARD_PAGE_ROWS);
  const pageHref = (p: number) => viewHref(path, query, p > 1 ? { page: String(p) } : {});
  const allWorkloads = [...lb.workloads, ...lb.variants];
  const headToHead = verdicts ? robustnessColumn(round, lb, intervalQuery(lb.pool, query), verdicts) : null;
  return (
    <div className="space-y-5">
      {stale && <StaleNotice at={at} />}
      <RoundPicker rounds={rounds} current={round} />
      <RoundTitle round={lb.round} />
      <CiteThisView citation={data.citation} />
      <RoundRules round={lb.round} workloads={allWorkloads} previous={previous} />
      <RoundTabs round={round} current="leaderboard" query={query} pool={lb.pool} leaderboardPath={viewHref(path, { ...query, axis: undefined, hide: [] })} />
      {issues.length > 0 && <Notice title="Some URL parameters were ignored" issues={issues} />}
      <RoundControls path={path} query={query} lb={lb} defaults={{ tauMax: lb.round.defaults.tauMax, integration: lb.round.defaults.integration }} />
      <UnverifiedNotice lb={lb} />
      {lb.rows.length === 0 ? (
        <Notice tone="info" title={lb.candidates.length === 0 ? "No submissions in this round yet" : "No submission matches this view"}>
          {lb.candidates.length === 0 ? (
            <>
              Results arrive through uploads: see{" "}
              <a className="underline" href={routes.upload}>
                how to upload
              </a>
              .
            </>
          ) : (
            <a className="underline" href={viewHref(path, EMPTY_QUERY)}>
              Reset the pool and filters
            </a>
          )}
        </Notice>
      ) : (
        <>
          {pages > 1 && (
            <p
              className="text-xs text-zinc-500"
              data-rows-shown={`${(page - 1) * LEADERBOARD_PAGE_ROWS + 1}-${(page - 1) * LEADERBOARD_PAGE_ROWS + rows.length}`}
            >
              Rows {(page - 1) * LEADERBOARD_PAGE_ROWS + 1}–{(page - 1) * LEADERBOARD_PAGE_ROWS + rows.length} of {sorted.length}, in the order of the table.
            </p>
          )}
          <LeaderboardTable
            lb={lb}
            rows={rows}
            path={path}
            query={query}
            submissionHref={(slug) => routes.submission(round, slug)}
            workloadHref={(key) => routes.workload(round, key, query)}
            extraColumns={[...(defaults ? [deltaColumn(lb, defaults)] : []), ...(ties ? [tieColumn(ties)] : []), ...(headToHead ? [headToHead] : [])]}
          />
          <Pager page={page} pages={pages} label="Pages of the leaderboard" hrefFor={pageHref} />
          <StatusLegend basis={lb.round.timeBasis} />
          {lb.rows.some((r) => r.searchRank !== null) && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400" data-note="search-rank">
              Names end in the search rank: &ldquo;AdamW 33% 1&rdquo; is AdamW trained for a 33% horizon, the configuration ranked 1 (0 = best) in its
              hyperparameter search.
            </p>
          )}
          <ScoringNote
            settings={lb.settings}
            poolSize={lb.rows.length}
            downloads={[
              { label: "CSV", href: routes.api.leaderboard(round, query, "csv") },
              { label: "JSON", href: routes.api.leaderboard(round, query) },
            ]}
          />
          <Suspense fallback={<p className="text-xs text-zinc-500">Resampling studies for 95% intervals…</p>}>
            <LeaderboardIntervals load={data.intervals} href={routes.analysis(round, lb.pool, query, "uncertainty")} />
          </Suspense>
        </>
      )}
      <UnverifiedSection lb={lb} path={path} query={query} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Version {lb.round.dataVersion} of this round: <a href={`${routes.round(round)}/changes`}>what changed, and every earlier version</a>.
      </p>
    </div>
  );
}
