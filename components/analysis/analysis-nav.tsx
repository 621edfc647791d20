"use client";
// The top of the analysis pages, the same as every round view's: the round
// picker, the round's tabs (Analysis current; Leaderboard and the others keep
// the pool, translated from `pool=` to the leaderboard's add/remove) and the
// analysis views as a second row of tabs. Client-side only to read the
// current view and query, which a layout is not given.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { RoundPicker, RoundTabs } from "@/components/rounds/round-header";
import type { PickerRounds } from "@/lib/server/services/catalog";
import { ANALYSIS_VIEWS, analysisViewHref, poolKeys, poolViewQuery, type AnalysisView } from "./views";

/** The current analysis view, from the path `/analysis/<round>/<view>`. */
function useCurrentView(): AnalysisView | "" {
  return ((usePathname() ?? "").split("/")[3] ?? "") as AnalysisView | "";
}

export function AnalysisRoundPicker({ round, rounds }: { round: string; rounds: PickerRounds }) {
  const current = useCurrentView();
  // Pools differ between rounds: another round opens the same view on its default pool.
  return <RoundPicker rounds={rounds} current={round} hrefFor={(slug) => analysisViewHref(slug, current, new URLSearchParams())} />;
}

export function AnalysisNav({ round, defaultKeys }: { round: string; defaultKeys: string[] }) {
  const current = useCurrentView();
  const params = useSearchParams() ?? new URLSearchParams();
  const keys = poolKeys(params);
  // Members of other rounds ("round/slug") have no place in the leaderboard's add/remove.
  const query = poolViewQuery(params, defaultKeys, new Set(keys.filter((k) => !k.includes("/"))));
  const tab = "inline-block rounded-md px-2.5 py-1 text-sm";
  const idle = "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";
  const active = "bg-sky-50 font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-100";
  return (
    <div className="space-y-2">
      <RoundTabs round={round} current="analysis" query={query} pool={keys.length ? { keys, isDefault: false } : undefined} />
      <nav aria-label="Analysis views">
        <ul className="flex gap-1 overflow-x-auto whitespace-nowrap sm:flex-wrap">
          <li>
            <Link
              href={analysisViewHref(round, "", params)}
              prefetch={false}
              aria-current={current === "" ? "page" : undefined}
              className={`${tab} ${current === "" ? active : idle}`}
            >
              Overview
            </Link>
          </li>
          {ANALYSIS_VIEWS.map((v) => (
            <li key={v.slug}>
              <Link
                href={analysisViewHref(round, v.slug, params)}
                prefetch={false}
                aria-current={current === v.slug ? "page" : undefined}
                data-view-link={v.slug}
                className={`${tab} ${current === v.slug ? active : idle}`}
              >
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
