// Database tasks for operators: `npm run db:migrate`, `npm run db:migration -- <name>`,
// `npm run db:seed`. They use DATABASE_URL, or the embedded server when it is unset.
import { Command } from "commander";
import { createDb } from "@/lib/db/create-db";
import { openDatabase, redactUrl } from "@/lib/db/database";
import { createMigration } from "@/lib/db/migrate";
import { seedPublishedData } from "./seed";

const log = (line: string) => console.log(line);
const program = new Command("db").description("database tasks").showHelpAfterError();

program
  .command("migrate")
  .description("apply pending migrations in prisma/migrations (like `prisma migrate deploy`)")
  .action(async () => {
    const database = await openDatabase({ migrate: false, log });
    try {
      const { applyMigrations } = await import("@/lib/db/migrate");
      const applied = await applyMigrations(database.url);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : `${redactUrl(database.url)} is up to date`);
    } finally {
      await database.close();
    }
  });

program
  .command("migration")
  .argument("<name>", "short name of the change, e.g. add_run_index")
  .description("write a new migration from the changes in prisma/schema.prisma")
  .action(async (name: string) => {
    const database = await openDatabase({ migrate: false, log });
    try {
      const dir = await createMigration(database.url, name);
      console.log(dir ? `created ${dir}` : "prisma/schema.prisma matches the migrations: nothing to do");
    } finally {
      await database.close();
    }
  });

program
  .command("seed")
  .description("load the published tables and leaderboards (skips what is already loaded)")
  .option("--force", "reload even if unchanged")
  .action(async (opts: { force?: boolean }) => {
    const database = await openDatabase({ log });
    const prisma = createDb(database.url, { max: 2 });
    try {
      await seedPublishedData(prisma, { force: opts.force, log });
    } finally {
      await prisma.$disconnect();
      await database.close();
    }
  });

await program.parseAsync();
