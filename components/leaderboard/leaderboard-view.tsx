// The leaderboard of one round for the view in the URL (served at `/` for the
// default round and at /rounds/<round>): filters, pool, the scoring mode and
// the ranked table, all rendered on the server from getLeaderboard.
import { CiteThisView } from "@/components/cite/cite-this-view";
import { Suspense } from "react";
import { INTERVALS_WAIT_MS, intervalQuery, LeaderboardIntervals } from "./leaderboard-intervals";
import { db } from "@/lib/db/client";
import { optionalRead, rememberedPageResult } from "@/lib/server/page-result";
import { pickerRounds, type PickerRounds } from "@/lib/server/services/catalog";
import { getLeaderboard } from "@/lib/server/services/leaderboard";
import { parseViewQuery } from "@/lib/views/parse-query";
import { EMPTY_QUERY, serializeViewQuery, viewHref, type ViewQuery } from "@/lib/views/query";
import { routes } from "@/lib/views/routes";
import { pageOf } from "@/lib/views/paging";
import { sortRows } from "@/lib/views/sort";
import { Notice, ViewErrorNotice } from "@/components/ui/notice";
import { Pager } from "@/components/ui/pager";
import { StaleNotice, UnavailableNotice } from "@/components/ui/outage-notice";
import { RoundPicker, RoundTabs, RoundTitle } from "@/components/rounds/round-header";
import { RoundRules } from "@/components/rounds/round-rules";
import { changesFromPrevious } from "@/lib/server/services/round-rules";
import { deltaColumn } from "./delta-column";
import { tieColumn } from "./tie-column";
import { uncertaintyOfPool } from "@/lib/server/services/analysis-uncertainty";
import { LeaderboardTable } from "./leaderboard-table";
import { robustnessColumn } from "./robustness-column";
import { RoundControls } from "./round-controls";
import { ScoringNote } from "./scoring-note";
import { StatusLegend } from "./status-legend";
import { UnverifiedNotice, UnverifiedSection } from "./unverified";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Rows per page of the table: a pool of hundreds of submissions is shown 50
 * at a time (the first page, the default, is the top of the ranking), so a
 * page stays small however big the pool (docs/page-cache.md).
 */
export const LEADERBOARD_PAGE_ROWS = 50;

/** How long a page waits for its tie letters (see below). */
const TIE_WAIT_MS = INTERVALS_WAIT_MS;

/** The round's default pool with the view's scoring settings. */
const scoringOnly = (q: ViewQuery): ViewQuery => ({ ...EMPTY_QUERY, tauMax: q.tauMax, integration: q.integration, points: q.points, scale: q.scale });

export async function LeaderboardView({ round, path, searchParams }: { round: string; path: string; searchParams: SearchParams }) {
  const { query, issues } = parseViewQuery(searchParams);
  const database = db();
  // While the database is unavailable, the last leaderboard this server computed for the same view is shown, marked as such.
  const [rounds, result] = await Promise.all([
    optionalRead(`round-picker|${round}`, () => pickerRounds(database, round), { shown: [], total: 0 } as PickerRounds),
    rememberedPageResult(`leaderboard|${round}|${serializeViewQuery(query)}`, () => getLeaderboard(database, round, query)),
  ]);
  if (!result.ok) {
    return (
      <div className="space-y-6">
        <RoundPicker rounds={rounds} current={round} />
        <h1 className="text-2xl font-semibold tracking-tight">
          Leaderboard · <code className="text-lg">{round}</code>
        </h1>
        {result.error.code === "SERVICE_UNAVAILABLE" ? (
          <UnavailableNotice what="This leaderboard" />
        ) : (
          <ViewErrorNotice error={result.error} href={path}>
            Open the round&apos;s default view
          </ViewErrorNotice>
        )}
      </div>
    );
  }
  const { value: lb, stale, at } = result.value;
  const sorted = sortRows(lb.rows, query.sort, query.dir);
  const { items: rows, page, pages } = pageOf(sorted, Number(typeof searchParams.page === "string" ? searchParams.page : 1), LEADERBOARD_PAGE_ROWS);
  const pageHref = (p: number) => viewHref(path, query, p > 1 ? { page: String(p) } : {});
  const allWorkloads = [...lb.workloads, ...lb.variants];
  const previous = await optionalRead(
    `round-changes|${round}@${lb.round.dataVersion}`,
    () => changesFromPrevious(database, { ...lb.round, workloads: allWorkloads }),
    null,
  );
  const headToHead = lb.rows.length > 1 ? await robustnessColumn(database, round, lb, intervalQuery(lb.pool, query)) : null;
  // Tie letters stream into their column once the resampling is done (one report for every cell),
  // but the page waits for them at most INTERVALS_WAIT_MS: past that (the worker pool busy with other pools) the
  // column stays empty and the page, marked provisional by LeaderboardIntervals while the same
  // bootstrap computes, is rendered again with them. A round of one study has no intervals.
  const ties =
    lb.round.studiesExpected > 1 && lb.rows.length > 1
      ? Promise.race([
          uncertaintyOfPool(database, round, intervalQuery(lb.pool, query)).catch(() => null),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), TIE_WAIT_MS).unref()),
        ])
      : null;
  // A pool that differs from the default gets a Δ column against the default pool, same scoring settings.
  const defaults = lb.pool.isDefault
    ? null
    : await optionalRead(
        `leaderboard-default|${round}|${serializeViewQuery(scoringOnly(query))}`,
        () => getLeaderboard(database, round, scoringOnly(query)),
        null,
      );
  return (
    <div className="space-y-5">
      {stale && <StaleNotice at={at} />}
      <RoundPicker rounds={rounds} current={round} />
      <RoundTitle round={lb.round} />
      <CiteThisView round={round} />
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
            <LeaderboardIntervals round={round} query={intervalQuery(lb.pool, query)} href={routes.analysis(round, lb.pool, query, "uncertainty")} />
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
