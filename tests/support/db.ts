// Direct database access for assertions (row counts before/after a request).
import pg from "pg";
import { inject } from "vitest";

export async function withDb<T>(fn: (client: pg.Client) => Promise<T>, url: string = inject("databaseUrl")): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function count(table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
  return withDb(async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`, params)).rows[0].n));
}

/** Row counts of every table that ingest can write, to prove a rejected request wrote nothing. */
export async function tableCounts(): Promise<Record<string, number>> {
  const tables = ["Round", "Workload", "Submission", "Run", "RunEvals", "WorkloadResult", "Upload", "ApiToken", "AuditLog"];
  // One connection and one query: tests call this around every request.
  const row = await withDb(async (c) => (await c.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ")}`)).rows[0]);
  return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}
