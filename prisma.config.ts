import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` here; the app and the migration
// scripts get their connection from lib/db/config.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/algoperf" },
});
