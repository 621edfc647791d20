import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, inject, test } from "vitest";
import { createMigration } from "@/lib/db/migrate";
import { withDb } from "../support/db";

const migrationsDir = path.resolve(__dirname, "..", "..", "prisma", "migrations");

test("every migration is recorded in _prisma_migrations as `prisma migrate deploy` records it", async () => {
  const dirs = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(dirs.length).toBeGreaterThan(0);
  const rows = await withDb(
    async (c) => (await c.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`)).rows,
  );
  expect(rows.map((r) => r.migration_name)).toEqual(dirs);
  for (const row of rows) {
    // Prisma's checksum is the sha256 of the migration.sql bytes.
    const sql = readFileSync(path.join(migrationsDir, row.migration_name, "migration.sql"));
    expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(row.finished_at).not.toBeNull();
    expect(row.rolled_back_at).toBeNull();
  }
});

test("prisma/schema.prisma and the migrations agree (db:migration would create nothing)", async () => {
  expect(await createMigration(inject("databaseUrl"), "should_be_empty")).toBeNull();
});
