// The version every cached page is keyed on: all rounds' data versions
// (every write bumps its round's in the same transaction; a new round adds a
// row), folded into one hash by PostgreSQL. Pages show the round picker,
// whose counts span all rounds, so this is the set of versions a page reads;
// read from the database on every request, it is the same on every instance.

export interface Queryable {
  query(text: string): Promise<{ rows: { v: string }[] }>;
}

export const SITE_VERSION_SQL = `SELECT md5(coalesce(string_agg(id::text || '@' || "dataVersion"::text, ',' ORDER BY id), '')) AS v FROM "Round"`;

/**
 * Reads the site version with at most one query in flight: a caller arriving
 * while a query runs waits for the next one, which starts after it (a query
 * already running may have started before a write the caller has seen
 * commit, so sharing it could serve a page older than that write). Under
 * load this is one query per round trip instead of one per request.
 */
export function siteVersionReader(db: Queryable): () => Promise<string> {
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const read = async () => (await db.query(SITE_VERSION_SQL)).rows[0]!.v;
  const start = (): Promise<string> => {
    const p = read().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    if (!next) {
      const after = running.then(
        () => undefined,
        () => undefined,
      );
      next = after.then(() => {
        next = null;
        return start();
      });
    }
    return next;
  };
}
