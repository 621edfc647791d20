// The top of every round view: the round picker, the round's title and facts,
// and the tabs between its views (which keep the pool and settings).
import Link from "next/link";
import type { PickerRounds, RoundCatalog } from "@/lib/server/services/catalog";
import { formatCount } from "@/lib/views/format";
import type { ViewQuery } from "@/lib/views/query";
import { PAPER_ROUND, routes } from "@/lib/views/routes";

export type RoundTab = "leaderboard" | "profiles" | "workloads" | "analysis";

const RULESET: Record<string, string> = { external_tuning: "external tuning", self_tuning: "self-tuning" };

/** A bounded set of rounds (featured, recent, the current one); the others are listed on /rounds. */
export function RoundPicker({
  rounds,
  current,
  hrefFor = (slug) => routes.round(slug),
}: {
  rounds: PickerRounds;
  current: string;
  hrefFor?: (slug: string) => string;
}) {
  return (
    <nav aria-label="Rounds" className="relative -mx-1 overflow-x-auto pb-1">
      <ul className="flex gap-2 px-1">
        {rounds.shown.map((r) => {
          const active = r.slug === current;
          return (
            <li key={r.slug} data-round-link={r.slug}>
              <Link
                href={hrefFor(r.slug)}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md border px-3 py-1.5 text-xs whitespace-nowrap ${active ? "border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-100" : "border-zinc-200 hover:border-zinc-400 dark:border-zinc-800 dark:hover:border-zinc-600"}`}
              >
                <span className="font-medium">{r.name}</span>
                <span className="ml-2 text-zinc-500">
                  {r.submissions} submission{r.submissions === 1 ? "" : "s"}
                </span>
              </Link>
            </li>
          );
        })}
        {rounds.total > rounds.shown.length && (
          <li data-round-list-link>
            <Link
              href={routes.roundList()}
              prefetch={false}
              className="block rounded-md px-3 py-1.5 text-xs whitespace-nowrap text-sky-700 underline dark:text-sky-400"
            >
              All {rounds.total.toLocaleString("en-US")} rounds
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The line above a page's title that leads back to its round (`href`: the round's leaderboard unless given): "<round name> › <page>". */
export function RoundCrumb({ round, page, href }: { round: { slug: string; name: string }; page: string; href?: string }) {
  return (
    <p className="text-xs text-zinc-500">
      <Link href={href ?? routes.round(round.slug)} prefetch={false} className="hover:underline">
        {round.name}
      </Link>{" "}
      {`› ${page}`}
    </p>
  );
}

export function RoundTitle({ round, as = "h1" }: { round: RoundCatalog["round"]; as?: "h1" | "h2" }) {
  const H = as;
  return (
    <div>
      <H className="text-xl font-semibold tracking-tight sm:text-2xl">{round.name}</H>
      <p className="mt-1 text-xs text-zinc-500">
        <code>{round.slug}</code> · {RULESET[round.ruleset] ?? round.ruleset} · times in{" "}
        {round.timeBasis === "seconds" ? "seconds" : "fractions of the step budget"}
        {round.budgetFactor !== 1 ? ` · budget × ${round.budgetFactor}` : ""} · {round.studiesExpected} {round.studiesExpected === 1 ? "study" : "studies"} ×{" "}
        {round.trialsExpected} {round.trialsExpected === 1 ? "trial" : "trials"} · data version {formatCount(round.dataVersion)}
      </p>
      {round.description && (
        <>
          <p className="mt-2 hidden max-w-4xl text-sm text-zinc-600 sm:block dark:text-zinc-400">{round.description}</p>
          {/* On a phone the description folds away, so the ranking starts on the first screen. */}
          <details className="mt-1 text-sm text-zinc-600 sm:hidden dark:text-zinc-400">
            <summary className="cursor-pointer text-sky-800 dark:text-sky-300">About this round</summary>
            <p className="mt-1">{round.description}</p>
          </details>
        </>
      )}
    </div>
  );
}

export function RoundTabs({
  round,
  current,
  query,
  leaderboardPath,
  pool: members,
}: {
  round: string;
  current: RoundTab;
  query: ViewQuery;
  leaderboardPath?: string;
  /** The view's resolved pool, handed to the analysis views. */
  pool?: { keys: string[]; isDefault: boolean };
}) {
  const pool = { ...query, sort: undefined, dir: undefined, hide: [] };
  const tabs: { id: RoundTab | "paper" | "analysis"; label: string; href: string; external?: boolean }[] = [
    { id: "leaderboard", label: "Leaderboard", href: leaderboardPath ?? routes.round(round, { ...pool, axis: undefined }) },
    { id: "profiles", label: "Performance profiles", href: routes.profiles(round, pool) },
    { id: "workloads", label: "Per-workload tables", href: routes.workloads(round, query) },
  ];
  if (round === PAPER_ROUND) tabs.push({ id: "paper", label: "Paper view", href: routes.paper });
  // Plain link (the analysis views are rendered on their own route tree); no "↗": it is the same site.
  tabs.push({ id: "analysis", label: "Analysis", href: routes.analysis(round, members, query), external: true });
  return (
    <nav aria-label="Round views" className="border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto text-sm whitespace-nowrap sm:flex-wrap">
        {tabs.map((t) => {
          const active = t.id === current;
          const cls = `inline-block border-b-2 px-3 py-2 ${active ? "border-sky-700 font-medium text-sky-900 dark:border-sky-400 dark:text-sky-100" : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`;
          return (
            <li key={t.id}>
              {t.external ? (
                <a href={t.href} aria-current={active ? "page" : undefined} className={cls} data-tab={t.id}>
                  {t.label}
                </a>
              ) : (
                <Link href={t.href} prefetch={false} aria-current={active ? "page" : undefined} className={cls} data-tab={t.id}>
                  {t.label}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
