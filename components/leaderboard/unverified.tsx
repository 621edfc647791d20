// Unverified uploads (docs/trust-model.md): submissions an upload token sent
// that no admin has verified yet. They are outside the default pool and shown
// in their own section of the round's page; a reader may add them to a pool,
// and a view that scores any says so.
import Link from "next/link";
import type { Candidate, Leaderboard } from "@/lib/server/services/leaderboard";
import { viewHref, withMember, type ViewQuery } from "@/lib/views/query";
import { Notice } from "@/components/ui/notice";

export function UnverifiedBadge() {
  return (
    <span
      className="ml-2 rounded-full border border-red-300 bg-red-50 px-1.5 py-0.5 text-[10px] font-medium text-red-900 uppercase dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
      data-badge="unverified"
      title="Uploaded, not yet verified by an admin: outside the default pool"
    >
      unverified
    </span>
  );
}

/** Above the table when the view scores unverified submissions. */
export function UnverifiedNotice({ lb }: { lb: Pick<Leaderboard, "includesUnverified"> }) {
  if (!lb.includesUnverified) return null;
  return (
    <div data-unverified-notice>
      <Notice title="This view includes unverified results">
        Submissions marked <strong>unverified</strong> were uploaded but not yet checked by an admin; the round&apos;s default pool leaves them out, and every
        score here is computed with them in the pool.
      </Notice>
    </div>
  );
}

/** Every unverified submission of the round, with a link that adds it to (or removes it from) the view's pool. */
export function UnverifiedSection({ lb, path, query }: { lb: Pick<Leaderboard, "candidates">; path: string; query: ViewQuery }) {
  const unverified = lb.candidates.filter((c: Candidate) => !c.verified);
  if (unverified.length === 0) return null;
  return (
    <section aria-labelledby="unverified-heading" className="rounded-lg border border-dashed border-red-300 p-3 dark:border-red-800" data-section="unverified">
      <h2 id="unverified-heading" className="text-sm font-semibold">
        Unverified uploads ({unverified.length})
      </h2>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Uploaded to this round and not yet verified by an admin: outside the default pool, so they change no published score. Add one to score it in this view.
      </p>
      <ul className="mt-2 space-y-0.5 text-sm">
        {unverified.map((c) => {
          const on = c.state === "member" || c.state === "filtered";
          return (
            <li key={c.slug} data-unverified={c.slug} className="flex items-center gap-2">
              <span className="min-w-0 truncate">{c.displayName}</span>
              <UnverifiedBadge />
              <Link
                href={viewHref(path, withMember(query, c.slug, c.inDefaultPool, !on))}
                scroll={false}
                prefetch={false}
                className={`pool-action ${on ? "pool-remove" : "pool-add"}`}
                aria-label={`${on ? "Remove" : "Add"} unverified ${c.displayName} ${on ? "from" : "to"} the pool`}
              >
                {on ? "Remove" : "Add"}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
