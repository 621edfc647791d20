// Who is in the pool, and links to change it: add an imported row (e.g.
// Schedule-Free AdamW to the paper's 36 configurations, as in its Appendix F),
// add or remove single submissions, or go back to the round's default pool.
// Plain links: they work without JavaScript and each is a shareable view.
import Link from "next/link";
import type { Candidate, Leaderboard } from "@/lib/server/services/leaderboard";
import { formatHorizon } from "@/lib/views/format";
import { EMPTY_QUERY, viewHref, withMember, type ViewQuery } from "@/lib/views/query";

const linkClass = "pool-action";

/**
 * Addresses of a view whose pool is not a ViewQuery (the analysis views take
 * an explicit `pool=a,b,c`): the same editor, other links.
 */
export interface PoolLinks {
  member: (c: Candidate, member: boolean) => string;
  reset: string;
}

export function PoolEditor({
  lb,
  path,
  query,
  fixed,
  links,
}: {
  lb: Pick<Leaderboard, "candidates" | "pool">;
  path: string;
  query: ViewQuery;
  fixed?: Record<string, string>;
  links?: PoolLinks;
}) {
  const href = (q: ViewQuery) => viewHref(path, q, fixed);
  const memberHref = (c: Candidate, member: boolean) => (links ? links.member(c, member) : href(withMember(query, c.slug, c.inDefaultPool, member)));
  const inPool = (c: Candidate) => c.state === "member" || c.state === "filtered";
  const scored = lb.candidates.filter((c) => c.state === "member");
  const hidden = lb.candidates.filter((c) => c.state === "filtered");
  const imported = lb.candidates.filter((c) => c.source === "imported" && !c.inDefaultPool);
  const changed = query.add.length > 0 || query.remove.length > 0;
  const filtered = query.horizon.length + query.family.length + query.base.length + query.source.length > 0 || query.complete !== undefined;
  const clearFilters = { ...query, horizon: [], family: [], base: [], source: [], complete: undefined };
  // Three groups whose sizes add up to the candidates, and the first is the count the line above states.
  const groups: [string, string, Candidate[]][] = [
    ["scored", "Scored", scored],
    ["hidden", "In the pool, hidden by the filters", hidden],
    ["outside", "Not in the pool", lb.candidates.filter((c) => !inPool(c))],
  ];
  return (
    <section aria-labelledby="pool-heading" className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 id="pool-heading" className="text-sm font-semibold">
          Pool
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-pool-size={scored.length}>
          <span className="num font-medium text-zinc-900 dark:text-zinc-100">{scored.length}</span> of {lb.candidates.length} submissions scored
          {lb.pool.isDefault
            ? " (the round's default pool)"
            : changed
              ? links
                ? " (the round's default pool changed)"
                : " (the default pool changed: the Δ column compares)"
              : ""}
          {hidden.length > 0 ? `; ${hidden.length} more in the pool are hidden by the filters, which re-score the pool among the rest` : ""}
        </p>
        {imported.map((c) => {
          const on = inPool(c);
          return (
            <Link
              key={c.slug}
              href={memberHref(c, !on)}
              scroll={false}
              prefetch={false}
              data-action={on ? "remove-imported" : "add-imported"}
              data-slug={c.slug}
              className={`${linkClass} ${on ? "border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800" : "border-sky-700 bg-sky-700 text-white hover:bg-sky-800"}`}
            >
              {on ? `Remove imported ${c.displayName}` : `Add imported ${c.displayName}`}
            </Link>
          );
        })}
        {(changed || filtered) && (
          <Link
            href={links?.reset ?? href({ ...EMPTY_QUERY, tauMax: query.tauMax, integration: query.integration, points: query.points, scale: query.scale })}
            scroll={false}
            prefetch={false}
            className="text-xs text-sky-700 hover:underline dark:text-sky-400"
          >
            Reset pool and filters
          </Link>
        )}
      </div>
      {hidden
        .filter((c) => query.add.includes(c.slug))
        .map((c) => (
          // Adding a row the filters exclude used to look like nothing happened.
          <p
            key={c.slug}
            className="mt-2 rounded border border-amber-700 px-2 py-1 text-sm text-amber-900 dark:border-amber-400 dark:text-amber-200"
            data-hidden-addition={c.slug}
          >
            {c.displayName} is added to the pool, but the filters hide it{c.horizon === null ? " (it has no training horizon)" : ""}, so it is not scored.{" "}
            <Link href={href(clearFilters)} scroll={false} prefetch={false} className="font-medium underline">
              Clear the filters to score it
            </Link>
          </p>
        ))}
      <details className="group mt-2">
        <summary className="cursor-pointer text-sm text-sky-700 select-none hover:underline dark:text-sky-400">
          Edit the pool: add or remove single submissions
        </summary>
        <div className="mt-2 grid gap-4 md:grid-cols-3">
          {groups.map(([id, title, list]) => (
            <div key={id} className="min-w-0" data-pool-group={id}>
              <h3 className="mb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
                {title} (<span className="num">{list.length}</span>)
              </h3>
              <ul className="max-h-72 space-y-0.5 overflow-y-auto pr-1 text-sm">
                {list.map((c) => {
                  const on = inPool(c);
                  return (
                    <li key={c.slug} data-candidate={c.slug} data-state={c.state} className="pool-item">
                      <span className="min-w-0 truncate">
                        {c.displayName}
                        <span className="ml-1 text-xs text-zinc-500">
                          {[
                            c.family,
                            formatHorizon(c.horizon) === "–" ? null : formatHorizon(c.horizon),
                            c.source !== "published" ? c.source : null,
                            c.verified ? null : "unverified",
                            c.complete ? null : "incomplete",
                          ]
                            .filter(Boolean)
                            .join(" · ")}
                        </span>
                      </span>
                      <Link
                        href={memberHref(c, !on)}
                        scroll={false}
                        prefetch={false}
                        aria-label={`${on ? "Remove" : "Add"} ${c.displayName} ${on ? "from" : "to"} the pool`}
                        className={`pool-action ${on ? "pool-remove" : "pool-add"}`}
                      >
                        {on ? "Remove" : "Add"}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      </details>
    </section>
  );
}
