// Bulk reads and writes in raw SQL, for the paths that move thousands of rows
// at once (an upload, the derived WorkloadResult rows). Prisma's query layer
// costs ~10 µs for every row it builds or returns (measured with
// `npm run bench:ingest` and node --cpu-prof: 10,000 runs took ~15 s through
// createManyAndReturn/findMany), so here thousands of rows travel as a few
// array parameters (`INSERT ... SELECT FROM unnest(...)`) and come back as one
// JSON text. Every statement is a constant string; values only travel as
// parameters.
import type { Prisma } from "./generated/prisma/client";

/** A client that can run raw SQL: the Prisma client or a transaction of it. */
export type SqlClient = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/**
 * A PostgreSQL array literal of numbers, booleans and nulls, to pass as one
 * text parameter and cast in SQL (`$1::text::float8[]`). Exact for doubles:
 * String(x) is the shortest text that reads back as the same double, and
 * PostgreSQL's float8 input is correctly rounded. (Prisma's own array
 * parameters turn NaN into NULL, and cost ~3x more; its Float[] fields round
 * to 16 digits, see lib/server/services/upload.ts.)
 */
export function pgArray(values: readonly (number | boolean | null)[]): string {
  // Finite numbers only (ids, times): JSON.stringify prints each with the same Number::toString as
  // String(x), 2-3x faster than mapping and joining (it writes null for anything else, then not taken).
  let numbers = true;
  for (let i = 0; i < values.length && numbers; i++) numbers = typeof values[i] === "number";
  if (numbers) {
    const json = JSON.stringify(values);
    if (!json.includes("n")) return `{${json.slice(1, -1)}}`;
  }
  if (!values.includes(null)) return `{${values.map((v) => (typeof v === "boolean" ? (v ? "t" : "f") : String(v))).join(",")}}`;
  return `{${values.map((v) => (v === null ? "NULL" : typeof v === "boolean" ? (v ? "t" : "f") : String(v))).join(",")}}`;
}

/**
 * A PostgreSQL array literal of texts and nulls, to pass as one text parameter
 * and cast in SQL (`$1::text[]`): each text in double quotes with its
 * backslashes and double quotes escaped, which is all PostgreSQL's array input
 * needs (inside quotes it takes every other character as it is: commas,
 * braces, newlines). Texts reaching a query are storable (lib/db/text.ts: no
 * NUL, no lone surrogate). One pass of string appends: node-postgres's own
 * array parameters check and escape each element in several steps.
 */
export function pgTextArray(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    out += v === null || v === undefined ? "NULL" : `"${NEEDS_ESCAPE.test(v) ? v.replace(ESCAPED, "\\$&") : v}"`;
  }
  return `${out}}`;
}

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPED = /[\\"]/g;

/** The rows of a SELECT, aggregated to one JSON text by PostgreSQL and parsed once (floats print exactly: extra_float_digits >= 1). */
export async function jsonRows<T>(db: SqlClient, select: string, ...params: unknown[]): Promise<T[]> {
  const rows = await db.$queryRawUnsafe<{ rows: string }[]>(`SELECT coalesce(json_agg(t), '[]')::text AS rows FROM (${select}) t`, ...params);
  return JSON.parse(rows[0]!.rows) as T[];
}
