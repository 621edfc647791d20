// The site index at the foot of the home page: the featured and recently
// changed rounds (the round picker's set) with their workloads and
// submissions, each a link; every other round is on /rounds. Bounded, so the
// home page stays small with thousands of rounds.
import Link from "next/link";
import type { listRounds } from "@/lib/server/services/catalog";

type RoundListing = Awaited<ReturnType<typeof listRounds>>[number];
import { routes } from "@/lib/views/routes";

/** Submissions listed per round; the round's leaderboard has them all. */
const SUBMISSIONS_SHOWN = 40;

/** `index`: the rounds shown and how many there are, as the page loads them (null: left out), awaited here so the leaderboard shows first. */
export async function RoundDirectory({ index: loading }: { index: Promise<{ total: number; rounds: RoundListing[] } | null> }) {
  const index = await loading;
  if (!index) return null;
  const { rounds, total } = index;
  return (
    <section aria-labelledby="directory-title" className="space-y-4 border-t border-zinc-200 pt-6 dark:border-zinc-800" data-directory>
      <h2 id="directory-title" className="text-lg font-semibold">
        Rounds
      </h2>
      {total > rounds.length && (
        <p className="text-sm">
          Featured and recently updated rounds below;{" "}
          <Link href={routes.roundList()} prefetch={false} className="text-sky-700 underline dark:text-sky-400">
            all {total.toLocaleString("en-US")} rounds
          </Link>
          .
        </p>
      )}
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
        {rounds.map((round) => (
          <div key={round.slug} data-directory-round={round.slug} className="text-sm">
            <h3 className="font-medium">
              <Link href={routes.round(round.slug)} prefetch={false} className="hover:underline">
                {round.name}
              </Link>
            </h3>
            <p className="text-xs text-zinc-500">
              {round.workloads.filter((w) => w.role === "base").length} workloads · {round.submissions.length} submissions ·{" "}
              {round._count.runs.toLocaleString("en-US")} runs
            </p>
            {round.submissions.length === 0 ? (
              <p className="mt-1 text-xs text-zinc-500">
                No results yet:{" "}
                <Link className="underline" href={routes.upload}>
                  upload
                </Link>
                .
              </p>
            ) : (
              <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
                {round.submissions.slice(0, SUBMISSIONS_SHOWN).map((s) => (
                  <li key={s.slug} data-directory-submission={s.slug}>
                    <Link href={routes.submission(round.slug, s.slug)} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
                      {s.displayName}
                    </Link>
                    {s.source === "imported" && <span className="text-zinc-500"> (imported)</span>}
                  </li>
                ))}
                {round.submissions.length > SUBMISSIONS_SHOWN && (
                  <li>
                    <Link href={routes.round(round.slug)} prefetch={false} className="text-zinc-500 hover:underline">
                      and {round.submissions.length - SUBMISSIONS_SHOWN} more
                    </Link>
                  </li>
                )}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
