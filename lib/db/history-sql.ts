// History in the database (docs/history.md), installed after every migration
// (function bodies cannot go in a migration: its runner splits at semicolons).
//
// 1. Triggers: writers move Round.dataVersion FIRST in their transaction
// (lib/db/round-version.ts); the triggers then stamp every row state the
// transaction writes with that version (validFrom) and keep every state it
// replaces or deletes in <table>History, valid until that version.
//
// 2. The database as it was at a past version of one round: schema `algoperf_at` holds one view per table of the app's schema, with the
// same name and columns. Submission, Run, WorkloadResult and RunEvals join
// their current rows to the states the history triggers kept; Round shows the
// pinned version as its dataVersion, so every cache keyed by data versions
// keys a pinned view by the pinned version. A connection that sets
// `algoperf.at_round` and `algoperf.at_version` (lib/db/pinned.ts) and reads
// through these views sees that round at that version; other rounds, current.
// The views are rebuilt after every migration, so columns added later by any
// migration appear in them without a change here.
import pg from "pg";

export const PINNED_SCHEMA = "algoperf_at";

/** Tables whose rows are versioned: current rows carry validFrom, earlier states live in <table>History. */
const VERSIONED = ["Submission", "Run", "WorkloadResult"] as const;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Where each versioned table keeps its replaced states: the key columns copied
 * out of the row (the history tables' indexes and the purge use them).
 */
const KEPT: Record<(typeof VERSIONED)[number], { history: string; columns: string[] }> = {
  Submission: { history: "SubmissionHistory", columns: ["id", "roundId"] },
  Run: { history: "RunHistory", columns: ["id", "roundId", "submissionId"] },
  WorkloadResult: { history: "WorkloadResultHistory", columns: ["submissionId", "workloadId", "roundId"] },
};

/** `algoperf.history = off` (a purge or a restore, lib/db/dataset.ts): rows are written as they are and nothing is kept. */
const HISTORY_ON = `coalesce(current_setting('algoperf.history', true), '') <> 'off'`;

/**
 * Trigger functions and triggers, idempotent; they replace the per-row
 * triggers of the first history version (algoperf_history, algoperf_evals_history)
 * on a database that has them.
 *
 * Stamping is a row trigger that only sets validFrom (one index lookup of the
 * round per row). Keeping is set-based (issue 12): an AFTER statement trigger
 * copies all the states a statement replaced or deleted, from its transition
 * table, with one INSERT ... SELECT, in the order the statement visited them
 * (one scan of the transition table, the round's version a subquery per row:
 * a join could reorder the rows), so the kept rows, their history ids
 * included, are those the row triggers wrote. Same rule as before: a state
 * written by this same version was never visible at a committed version, so
 * nothing is kept of it.
 */
export const HISTORY_TRIGGERS_SQL: readonly string[] = [
  ...["Submission", "Run", "WorkloadResult", "RunEvals"].flatMap((t) => [
    `DROP TRIGGER IF EXISTS ${q(`${t}_history`)} ON ${q(t)}`,
    `DROP TRIGGER IF EXISTS ${q(`${t}_stamp`)} ON ${q(t)}`,
    `DROP TRIGGER IF EXISTS ${q(`${t}_keep_update`)} ON ${q(t)}`,
    `DROP TRIGGER IF EXISTS ${q(`${t}_keep_delete`)} ON ${q(t)}`,
  ]),
  `DROP FUNCTION IF EXISTS algoperf_history()`,
  `DROP FUNCTION IF EXISTS algoperf_evals_history()`,
  // A row's version: the round's, moved first by the writer (lib/db/round-version.ts); an update looks up the row's round as it was.
  `CREATE OR REPLACE FUNCTION algoperf_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    NEW."validFrom" := coalesce((SELECT "dataVersion" FROM "Round" WHERE id = OLD."roundId"), 0);
  ELSE
    NEW."validFrom" := coalesce((SELECT "dataVersion" FROM "Round" WHERE id = NEW."roundId"), 0);
  END IF;
  RETURN NEW;
END $$`,
  ...VERSIONED.flatMap((t) => {
    const { history, columns } = KEPT[t];
    const fn = `algoperf_keep_${t.toLowerCase()}`;
    return [
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ${q(history)} (${[...columns, "validFrom", "validTo", "row"].map(q).join(", ")})
  SELECT ${columns.map((c) => `o.${q(c)}`).join(", ")}, o."validFrom", o.kept_to, o.kept_row
    FROM (SELECT k.*, (SELECT "dataVersion" FROM "Round" WHERE id = k."roundId") AS kept_to, to_jsonb(k) AS kept_row FROM kept k OFFSET 0) o
   WHERE o."validFrom" < o.kept_to;
  RETURN NULL;
END $$`,
      `CREATE TRIGGER ${q(`${t}_stamp`)} BEFORE INSERT OR UPDATE ON ${q(t)} FOR EACH ROW WHEN (${HISTORY_ON}) EXECUTE FUNCTION algoperf_stamp()`,
      // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
      ...["UPDATE", "DELETE"].map(
        (event) =>
          `CREATE TRIGGER ${q(`${t}_keep_${event.toLowerCase()}`)} AFTER ${event} ON ${q(t)} REFERENCING OLD TABLE AS kept FOR EACH STATEMENT WHEN (${HISTORY_ON}) EXECUTE FUNCTION ${fn}()`,
      ),
    ];
  }),
  // The eval series of a deleted run stays readable wherever its run is (kept whatever the version that wrote it).
  `CREATE OR REPLACE FUNCTION algoperf_keep_runevals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RunEvalsHistory" ("runId", "row") SELECT o."runId", to_jsonb(o) FROM kept o;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER "RunEvals_keep_delete" AFTER DELETE ON "RunEvals" REFERENCING OLD TABLE AS kept FOR EACH STATEMENT WHEN (${HISTORY_ON}) EXECUTE FUNCTION algoperf_keep_runevals()`,
  // Every version of a round gets a RoundVersion row, even from a writer that does not describe itself.
  `CREATE OR REPLACE FUNCTION algoperf_round_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('algoperf.history', true), '') = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' OR NEW."dataVersion" IS DISTINCT FROM OLD."dataVersion" THEN
    INSERT INTO "RoundVersion" ("roundId", "version", "action") VALUES (NEW.id, NEW."dataVersion", CASE WHEN TG_OP = 'INSERT' THEN 'create' ELSE 'change' END)
      ON CONFLICT ("roundId", "version") DO NOTHING;
  END IF;
  RETURN NULL;
END $$`,
  `DROP TRIGGER IF EXISTS "Round_version" ON "Round"`,
  `CREATE TRIGGER "Round_version" AFTER INSERT OR UPDATE OF "dataVersion" ON "Round" FOR EACH ROW EXECUTE FUNCTION algoperf_round_version()`,
];

export interface Column {
  name: string;
  /** The enum type of an enum column (USER-DEFINED in information_schema), else null. */
  enumType: string | null;
}

/** The SQL that (re)creates the pinned schema, from the app schema's tables, their columns (in order) and its enum types with their labels. */
export function historyViewsSql(
  schema: string,
  tables: ReadonlyMap<string, readonly Column[]>,
  enums: ReadonlyMap<string, readonly string[]> = new Map(),
): string[] {
  const s = q(schema);
  const at = (roundId: string) => `${PINNED_SCHEMA}.at(${roundId})`;
  const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const out = [
    `DROP SCHEMA IF EXISTS ${PINNED_SCHEMA} CASCADE`,
    `CREATE SCHEMA ${PINNED_SCHEMA}`,
    // The version a connection sees of a round: the pinned one, or all of it (current rows only).
    `CREATE FUNCTION ${PINNED_SCHEMA}.round() RETURNS int LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('algoperf.at_round', true), '')::int $$`,
    `CREATE FUNCTION ${PINNED_SCHEMA}.version() RETURNS int LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('algoperf.at_version', true), '')::int $$`,
    `CREATE FUNCTION ${PINNED_SCHEMA}.at(round_id int) RETURNS int LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN round_id = ${PINNED_SCHEMA}.round() THEN ${PINNED_SCHEMA}.version() ELSE 2147483647 END $$`,
    // Prisma names enum types with the client's schema (`'x'::"algoperf_at"."Ruleset"`): the same enums under
    // that name, and the views' enum columns cast to them (PostgreSQL compares an enum only with its own type).
    ...[...enums].map(([e, labels]) => `CREATE TYPE ${PINNED_SCHEMA}.${q(e)} AS ENUM (${labels.map(literal).join(", ")})`),
  ];
  for (const [table, columns] of tables) {
    if (table.endsWith("History") || table === "_prisma_migrations") continue;
    const list = columns
      .map((c) => {
        if (table === "Round" && c.name === "dataVersion") return `${at("x.id")} AS "dataVersion"`;
        return c.enumType && enums.has(c.enumType) ? `x.${q(c.name)}::text::${PINNED_SCHEMA}.${q(c.enumType)} AS ${q(c.name)}` : `x.${q(c.name)}`;
      })
      .join(", ");
    let rows = `${s}.${q(table)}`;
    if ((VERSIONED as readonly string[]).includes(table)) {
      rows = `(SELECT * FROM ${s}.${q(table)} t WHERE t."validFrom" <= ${at('t."roundId"')}
               UNION ALL
               SELECT (jsonb_populate_record(NULL::${s}.${q(table)}, h."row")).* FROM ${s}.${q(`${table}History`)} h
                -- Only the pinned round has kept states to show: an index range of (roundId, validTo).
                WHERE h."roundId" = ${PINNED_SCHEMA}.round() AND h."validTo" > ${PINNED_SCHEMA}.version() AND h."validFrom" <= ${PINNED_SCHEMA}.version())`;
    } else if (table === "RunEvals") {
      // Run ids are never reused: the series of a kept run is found by its id, wherever the run is visible.
      rows = `(SELECT * FROM ${s}."RunEvals" UNION ALL SELECT (jsonb_populate_record(NULL::${s}."RunEvals", h."row")).* FROM ${s}."RunEvalsHistory" h)`;
    }
    out.push(`CREATE VIEW ${PINNED_SCHEMA}.${q(table)} AS SELECT ${list} FROM ${rows} x`);
  }
  return out;
}

/** Installs the triggers and rebuilds the pinned schema's views from the tables as they are now (after migrations), under a lock. */
export async function ensureHistory(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('algoperf:history', 0))");
    const schema = (await client.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]!.s;
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string }>(
      `SELECT c.table_name, c.column_name, c.data_type, c.udt_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = $1 ORDER BY c.table_name, c.ordinal_position`,
      [schema],
    );
    const tables = new Map<string, Column[]>();
    for (const r of rows)
      tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), { name: r.column_name, enumType: r.data_type === "USER-DEFINED" ? r.udt_name : null }]);
    if (!tables.has("RunEvalsHistory")) throw new Error("history tables missing: apply the migrations first");
    const labels = await client.query<{ name: string; label: string }>(
      `SELECT t.typname AS name, e.enumlabel AS label FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = $1 ORDER BY t.typname, e.enumsortorder`,
      [schema],
    );
    const enums = new Map<string, string[]>();
    for (const r of labels.rows) enums.set(r.name, [...(enums.get(r.name) ?? []), r.label]);
    for (const sql of [...HISTORY_TRIGGERS_SQL, ...historyViewsSql(schema, tables, enums)]) await client.query(sql);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
