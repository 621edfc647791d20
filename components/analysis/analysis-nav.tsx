"use client";
// Round selector and view tabs of the analysis pages. Carries the pool and
// scoring parameters from view to view (not across rounds: pools differ).
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { ANALYSIS_VIEWS, analysisViewHref, type AnalysisView } from "./views";

export function AnalysisNav({ round, rounds }: { round: string; rounds: readonly { slug: string; name: string }[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const current = (pathname.split("/")[3] ?? "") as AnalysisView | "";
  const tab = "rounded px-2.5 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800";
  const active = "bg-zinc-900 text-white hover:bg-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-100";
  return (
    <div className="space-y-3">
      <nav aria-label="Rounds" className="flex flex-wrap items-center gap-1 text-xs">
        <span className="mr-1 text-zinc-500">Round:</span>
        {rounds.map((r) => (
          <Link key={r.slug} href={analysisViewHref(r.slug, current, new URLSearchParams())} aria-current={r.slug === round ? "page" : undefined} data-round-link={r.slug} className={`${tab} text-xs ${r.slug === round ? active : ""}`}>
            {r.name}
          </Link>
        ))}
      </nav>
      <nav aria-label="Analysis views" className="flex flex-wrap gap-1 border-b border-zinc-200 pb-2 dark:border-zinc-800">
        <Link href={analysisViewHref(round, "", params)} aria-current={current === "" ? "page" : undefined} className={`${tab} ${current === "" ? active : ""}`}>
          Overview
        </Link>
        {ANALYSIS_VIEWS.map((v) => (
          <Link key={v.slug} href={analysisViewHref(round, v.slug, params)} aria-current={current === v.slug ? "page" : undefined} data-view-link={v.slug} className={`${tab} ${current === v.slug ? active : ""}`}>
            {v.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
