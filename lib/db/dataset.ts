// Whole-dataset export and restore, table by table, independent of the model
// code: every application table is dumped with row_to_json (PostgreSQL writes
// floats in their shortest exact form, so values round-trip bit for bit) and
// restored with json_populate_recordset into a database at the same migration.
// Format: NDJSON, optionally gzipped (.gz): a header line, then
// {"table": name, "rows": [...]} chunks in foreign-key order.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { PassThrough, type Readable, type Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";

export const DATASET_FORMAT = "algoperf-leaderboard-dataset";
const VERSION = 1;
const CHUNK = 2000;

interface Header {
  format: typeof DATASET_FORMAT;
  version: number;
  exportedAt: string;
  /** Applied migrations of the source database; a restore needs the same list. */
  migrations: string[];
  tables: Record<string, number>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Application tables of the public schema, parents before children. */
async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    )
  ).rows.map((r) => r.name);
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
    )
  ).rows.map((e) => ({ child: e.child.replaceAll('"', ""), parent: e.parent.replaceAll('"', "") }));
  const order: string[] = [];
  const pending = new Set(tables);
  while (pending.size) {
    const ready = [...pending].filter((t) => !edges.some((e) => e.child === t && e.parent !== t && pending.has(e.parent)));
    if (ready.length === 0) throw new Error(`circular foreign keys between ${[...pending].join(", ")}`);
    for (const t of ready.sort()) {
      order.push(t);
      pending.delete(t);
    }
  }
  return order;
}

async function migrations(client: pg.Client): Promise<string[]> {
  return (
    await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    )
  ).rows.map((r) => r.name);
}

function output(file: string): { stream: Writable; done: Promise<void> } {
  const sink = createWriteStream(file);
  if (!file.endsWith(".gz")) return { stream: sink, done: once(sink, "finish").then(() => undefined) };
  const source = new PassThrough();
  return { stream: source, done: pipeline(source, createGzip(), sink) };
}

function input(file: string): Readable {
  const source = createReadStream(file);
  return file.endsWith(".gz") ? source.pipe(createGunzip()) : source;
}

async function write(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line + "\n")) await once(stream, "drain");
}

/** Writes every table to `file`; returns the row count per table. */
export async function exportDataset(url: string, file: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { stream, done } = output(file);
  try {
    // One snapshot for the whole export, so the tables agree with each other.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await tablesInDependencyOrder(client);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM ${quote(t)}`)).rows[0].n);
    const header: Header = {
      format: DATASET_FORMAT,
      version: VERSION,
      exportedAt: new Date().toISOString(),
      migrations: await migrations(client),
      tables: counts,
    };
    await write(stream, JSON.stringify(header));
    for (const t of tables) {
      await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${quote(t)} t`);
      for (;;) {
        const { rows } = await client.query<{ row: string }>(`FETCH ${CHUNK} FROM dump`);
        if (rows.length === 0) break;
        await write(stream, `{"table":${JSON.stringify(t)},"rows":[${rows.map((r) => r.row).join(",")}]}`);
      }
      await client.query("CLOSE dump");
    }
    await client.query("COMMIT");
    stream.end();
    await done;
    return counts;
  } catch (error) {
    stream.destroy();
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Loads a dataset file into the database at `url` in one transaction. The
 * database must be at the same migration and hold no data, unless `wipe`
 * (which empties every application table first).
 */
export async function restoreDataset(url: string, file: string, options: { wipe?: boolean } = {}): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let lines: ReturnType<typeof createInterface> | undefined;
  try {
    await client.query("BEGIN");
    // Rows go in as they were exported: the history triggers (docs/history.md) neither restamp nor keep them.
    await client.query("SELECT set_config('algoperf.history', 'off', true)");
    let header: Header | undefined;
    const tables = await tablesInDependencyOrder(client);
    // Created right before iterating: readline drops lines emitted before its iterator exists.
    lines = createInterface({ input: input(file), crlfDelay: Infinity });
    const loaded: Record<string, number> = {};
    for await (const line of lines) {
      if (!line.trim()) continue;
      if (!header) {
        header = JSON.parse(line) as Header;
        if (header.format !== DATASET_FORMAT || header.version !== VERSION) throw new Error(`${file} is not an ${DATASET_FORMAT} file of version ${VERSION}`);
        const here = await migrations(client);
        if (JSON.stringify(here) !== JSON.stringify(header.migrations)) {
          throw new Error(
            `the dataset was exported at migrations [${header.migrations.join(", ")}] but this database is at [${here.join(", ")}]; migrate both to the same version first`,
          );
        }
        if (options.wipe) {
          await client.query(`TRUNCATE ${tables.map(quote).join(", ")} RESTART IDENTITY CASCADE`);
        } else {
          for (const t of tables) {
            const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(t)}) AS any`);
            if (rows[0].any) throw new Error(`table "${t}" is not empty: restore into an empty database, or pass --wipe to replace its content`);
          }
        }
        continue;
      }
      const chunk = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!tables.includes(chunk.table)) throw new Error(`unknown table "${chunk.table}" in ${file}`);
      await client.query(`INSERT INTO ${quote(chunk.table)} SELECT * FROM json_populate_recordset(NULL::${quote(chunk.table)}, $1::json)`, [
        JSON.stringify(chunk.rows),
      ]);
      loaded[chunk.table] = (loaded[chunk.table] ?? 0) + chunk.rows.length;
    }
    if (!header) throw new Error(`${file} is empty`);
    for (const [t, n] of Object.entries(header.tables)) {
      if ((loaded[t] ?? 0) !== n) throw new Error(`${file} is truncated: table "${t}" has ${loaded[t] ?? 0} of ${n} rows`);
    }
    // Serial ids were restored explicitly; move each sequence past them.
    const serials = await client.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
    );
    for (const s of serials.rows) {
      await client.query(`SELECT setval($1, COALESCE((SELECT max(${quote(s.col)}) FROM ${quote(s.tbl)}), 0) + 1, false)`, [s.seq]);
    }
    await client.query("COMMIT");
    return loaded;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    lines?.close();
    await client.end();
  }
}
