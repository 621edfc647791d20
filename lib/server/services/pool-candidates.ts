// Who is in an explicit pool (the analysis views' `pool=a,b,c`; none: the
// round's default pool), listed as the leaderboard's pool editor lists its
// candidates, so the analysis views edit their pool with the same component.
// Nothing is scored here.
import type { Db } from "@/lib/db/client";
import { roundCatalog } from "@/lib/server/services/catalog";
import { candidatesOf, type Leaderboard } from "@/lib/server/services/leaderboard";
import { roundCompleteness } from "@/lib/server/services/round-completeness";

export interface PoolCandidates extends Pick<Leaderboard, "candidates" | "pool"> {
  /** Members of the round's default pool, in listing order. */
  defaultKeys: string[];
}

/** `pool` keys that are not submissions of this round (e.g. "other-round/slug") stay members; they are not listed. */
export async function poolCandidates(db: Db, options: { round: string; pool?: readonly string[] }): Promise<PoolCandidates> {
  const catalog = await roundCatalog(db, options.round);
  const subs = catalog.submissions;
  const complete = await roundCompleteness(db, catalog);
  const incomplete = new Set([...complete].filter(([, c]) => !c.complete).map(([slug]) => slug));
  const defaultKeys = subs.filter((s) => s.inDefaultPool).map((s) => s.slug);
  const keys = options.pool && options.pool.length > 0 ? [...new Set(options.pool)] : defaultKeys;
  const chosen = new Set(keys);
  const member = subs.map((s) => chosen.has(s.slug));
  const isDefault = keys.length === defaultKeys.length && defaultKeys.every((k) => chosen.has(k));
  return { candidates: candidatesOf(subs, { base: member, member }, incomplete), pool: { keys, isDefault }, defaultKeys };
}
