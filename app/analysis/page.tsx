import Link from "next/link";
import { ANALYSIS_VIEWS } from "@/components/analysis/views";
import { db } from "@/lib/db/client";
import { listRounds } from "@/lib/server/services/catalog";
import { routes } from "@/lib/views/routes";

export const dynamic = "force-dynamic";
export const metadata = { title: "Analysis" };

export default async function AnalysisIndex() {
  const rounds = await listRounds(db());
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Beyond the leaderboard</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Is a gap between two scores real or seed noise? Whose score moves when one strong algorithm joins the pool? How much does the training horizon matter?
          Choose a round, then a view; every view takes any pool and has a JSON endpoint.
        </p>
      </section>
      <ul className="grid gap-4 md:grid-cols-2" aria-label="Rounds">
        {rounds.map((r) => (
          <li key={r.slug} data-round={r.slug} className="rounded border border-zinc-200 p-4 dark:border-zinc-800">
            <h2 className="font-semibold">
              <Link href={routes.analysis(r.slug)} className="hover:underline">
                {r.name}
              </Link>
            </h2>
            <p className="text-xs text-zinc-500">
              {r.submissions.length} submissions · times in {r.timeBasis === "seconds" ? "seconds" : "fractions of the budget"}
            </p>
            <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
              {ANALYSIS_VIEWS.map((v) => (
                <li key={v.slug}>
                  <Link href={routes.analysis(r.slug, undefined, undefined, v.slug)} className="text-sky-700 hover:underline dark:text-sky-400">
                    {v.label}
                  </Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
