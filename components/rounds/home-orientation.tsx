// The top of the home page: what the site is, the official AlgoPerf
// leaderboards first and the paper's study beside them (issue 15), in one
// short block so the ranking below still starts on the first screen.
import Link from "next/link";
import type { RoundSummary } from "@/lib/server/services/catalog";
import { PAPER_ROUND, routes } from "@/lib/views/routes";

export function HomeOrientation({ rounds, shown }: { rounds: RoundSummary[]; shown: string }) {
  const official = rounds.filter((r) => r.slug.startsWith("algoperf-") && r.submissions > 0);
  const paper = rounds.find((r) => r.slug === PAPER_ROUND);
  return (
    <section aria-label="What is here" className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-orientation>
      <p className="text-zinc-700 dark:text-zinc-300">AlgoPerf training-algorithm results, re-scored with the official rules over any pool you choose.</p>
      <div className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Official leaderboards</span>
        {official.map((r) => (
          <Link
            key={r.slug}
            href={routes.round(r.slug)}
            prefetch={false}
            className="font-medium text-sky-800 underline decoration-sky-800/40 hover:decoration-current dark:text-sky-300"
            data-official={r.slug}
          >
            {r.name}
          </Link>
        ))}
        {paper && (
          <>
            <span className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">Study</span>
            <Link
              href={routes.paper}
              prefetch={false}
              className="font-medium text-sky-800 underline decoration-sky-800/40 hover:decoration-current dark:text-sky-300"
            >
              {paper.name}
            </Link>
            {shown === PAPER_ROUND && <span className="text-xs text-zinc-500">(its leaderboard below)</span>}
          </>
        )}
      </div>
    </section>
  );
}
