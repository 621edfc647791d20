// What the leaderboard page of a round reads (served at `/` for the default
// round and at /rounds/<round>), so that its component
// (components/leaderboard/leaderboard-view.tsx) renders plain data. What the
// page streams (tie letters, the 95% intervals in their Suspense boundary,
// the citation) is handed over as a promise or a loader the component calls
// when it renders, as before the reads moved out of the component.
import "server-only";
import { db, type Db } from "@/lib/db/client";
import type { AppError } from "@/lib/server/errors";
import { optionalRead, rememberedPageResult } from "@/lib/server/page-result";
import { citationOf } from "@/lib/server/pages/citation";
import { markUncacheable } from "@/lib/server/render-context";
import { workloadVerdicts, type WorkloadVerdict } from "@/lib/server/services/analysis-robustness";
import { uncertaintyOfPool, type UncertaintyReport } from "@/lib/server/services/analysis-uncertainty";
import { pickerRounds, type PickerRounds } from "@/lib/server/services/catalog";
import { getLeaderboard, type Leaderboard } from "@/lib/server/services/leaderboard";
import { intervalsIfReady, type IntervalsState } from "@/lib/server/services/leaderboard-intervals";
import { changesFromPrevious, type RoundChangesFromPrevious } from "@/lib/server/services/round-rules";
import type { ScoreQuery } from "@/lib/server/services/scores";
import type { ViewVersion } from "@/lib/server/services/view-version";
import type { Issue } from "@/lib/issue";
import { parseViewQuery } from "@/lib/views/parse-query";
import { EMPTY_QUERY, serializeViewQuery, type ViewQuery } from "@/lib/views/query";

/** How long a page waits for a pool's intervals (and its tie letters) before it shows the table without them. */
export const INTERVALS_WAIT_MS = 8000;

/** What the leaderboard shows beside its table once the leaderboard is read. */
export interface LeaderboardExtras {
  previous: RoundChangesFromPrevious | null;
  /** The head-to-head column's verdicts (null: a pool of one row has no column; {} when the pool cannot be rescored without a workload). */
  verdicts: Record<string, WorkloadVerdict> | null;
  /** The tie letters, or null once INTERVALS_WAIT_MS has passed (null: no column). */
  ties: Promise<UncertaintyReport | null> | null;
  /** The default pool with the view's scoring settings, for the Δ column (null: the pool is the default). */
  defaults: Leaderboard | null;
  /** The 95% intervals, called inside the page's Suspense boundary. */
  intervals: () => Promise<IntervalsState>;
}

interface LeaderboardPageCommon {
  round: string;
  query: ViewQuery;
  /** URL parameters that were ignored. */
  issues: Issue[];
  /** The page of the table the URL asks for (`page`, 1 without). */
  page: number;
  rounds: PickerRounds;
  citation: () => Promise<ViewVersion | null>;
}

/** The leaderboard, or why it could not be read. While the database is unavailable, the last leaderboard this server computed for the same view, marked `stale`. */
export type LeaderboardPageData = LeaderboardPageCommon &
  ({ ok: false; error: AppError } | ({ ok: true; lb: Leaderboard; stale: boolean; at: Date } & LeaderboardExtras));

type SearchParams = Record<string, string | string[] | undefined>;

/** The round's default pool with the view's scoring settings. */
const scoringOnly = (q: ViewQuery): ViewQuery => ({ ...EMPTY_QUERY, tauMax: q.tauMax, integration: q.integration, points: q.points, scale: q.scale });

/** The score query of the intervals, ties and verdicts: the leaderboard's pool and scoring settings. */
export function intervalQuery(pool: { keys: string[]; isDefault: boolean }, q: Pick<ScoreQuery, "tauMax" | "integration" | "points" | "scale">): ScoreQuery {
  return { ...(pool.isDefault ? {} : { pool: pool.keys }), tauMax: q.tauMax, integration: q.integration, points: q.points, scale: q.scale };
}

export async function loadLeaderboardPage({ round, searchParams }: { round: string; searchParams: SearchParams }): Promise<LeaderboardPageData> {
  const { query, issues } = parseViewQuery(searchParams);
  const database = db();
  const [rounds, result] = await Promise.all([
    optionalRead(`round-picker|${round}`, () => pickerRounds(database, round), { shown: [], total: 0 } as PickerRounds),
    rememberedPageResult(`leaderboard|${round}|${serializeViewQuery(query)}`, () => getLeaderboard(database, round, query)),
  ]);
  const page = Number(typeof searchParams.page === "string" ? searchParams.page : 1);
  const common = { round, query, issues, page, rounds, citation: () => citationOf(round) };
  if (!result.ok) return { ...common, ok: false, error: result.error };
  const { value: lb, stale, at } = result.value;
  return { ...common, ok: true, lb, stale, at, ...(await extrasOf(database, round, query, lb)) };
}

async function extrasOf(database: Db, round: string, query: ViewQuery, lb: Leaderboard): Promise<LeaderboardExtras> {
  const scoreQuery = intervalQuery(lb.pool, query);
  const previous = await optionalRead(
    `round-changes|${round}@${lb.round.dataVersion}`,
    () => changesFromPrevious(database, { ...lb.round, workloads: [...lb.workloads, ...lb.variants] }),
    null,
  );
  // No verdicts for a pool that cannot be rescored without a workload: the column's links stay.
  const verdicts = lb.rows.length > 1 ? await workloadVerdicts(database, { round, query: scoreQuery }).catch(() => ({})) : null;
  // Tie letters stream into their column once the resampling is done (one report for every cell),
  // but the page waits for them at most INTERVALS_WAIT_MS: past that (the worker pool busy with other pools) the
  // column stays empty and the page, marked provisional by LeaderboardIntervals while the same
  // bootstrap computes, is rendered again with them. A round of one study has no intervals.
  const ties =
    lb.round.studiesExpected > 1 && lb.rows.length > 1
      ? Promise.race([
          uncertaintyOfPool(database, round, scoreQuery).catch(() => null),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), INTERVALS_WAIT_MS).unref()),
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
  const intervals = () =>
    // Waits a few seconds (a first visit usually gets them), never the whole computation.
    intervalsIfReady({ db: database, round, query: scoreQuery, waitMs: INTERVALS_WAIT_MS }).catch((error: unknown) => {
      markUncacheable("intervals unavailable");
      return { state: "failed" as const, error };
    });
  return { previous, verdicts, ties, defaults, intervals };
}
