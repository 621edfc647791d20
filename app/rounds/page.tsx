// /rounds?q=<words>&page=<n>: every round, searchable by name or slug and paged
// (the round picker on the other pages shows a bounded set of them).
import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { UnavailableNotice } from "@/components/ui/outage-notice";
import { db } from "@/lib/db/client";
import { pageResult } from "@/lib/server/page-result";
import { roundIndex } from "@/lib/server/services/catalog";
import { pageOf } from "@/lib/views/paging";
import { ROUND_LIST_PAGE, searchRounds } from "@/lib/views/round-picker";
import { routes } from "@/lib/views/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Rounds" };

type SearchParams = Record<string, string | string[] | undefined>;

const RULESET: Record<string, string> = { external_tuning: "external tuning", self_tuning: "self-tuning" };

export default async function RoundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const result = await pageResult(() => roundIndex(db()));
  if (!result.ok) return <UnavailableNotice what="The list of rounds" />;
  const found = searchRounds(result.value, q);
  const { items, page, pages } = pageOf(found, Number(sp.page ?? 1), ROUND_LIST_PAGE);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Rounds</h1>
      <form method="get" action="/rounds" className="flex flex-wrap items-center gap-2 text-sm" role="search">
        <label htmlFor="round-search">Search rounds</label>
        <input
          id="round-search"
          name="q"
          type="search"
          defaultValue={q}
          className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" className="rounded border border-zinc-300 px-3 py-1 dark:border-zinc-700">
          Search
        </button>
      </form>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-round-count={found.length}>
        {found.length.toLocaleString("en-US")} of {result.value.length.toLocaleString("en-US")} rounds{q ? ` match “${q}”` : ""}.
      </p>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {items.map((r) => (
          <li key={r.slug} data-round-row={r.slug} className="flex flex-wrap items-baseline gap-x-3 py-2">
            <Link href={routes.round(r.slug)} prefetch={false} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {r.name}
            </Link>
            <code className="text-xs text-zinc-500">{r.slug}</code>
            <span className="text-xs text-zinc-500">
              {RULESET[r.ruleset] ?? r.ruleset} · {r.submissions} submission{r.submissions === 1 ? "" : "s"}
            </span>
          </li>
        ))}
      </ul>
      <Pager page={page} pages={pages} label="Pages of rounds" hrefFor={(p) => routes.roundList({ q, page: p })} />
    </div>
  );
}
