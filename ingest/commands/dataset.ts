// `export` / `restore`: the whole dataset as one file, for backups and moves
// between servers (README, "Backup and restore").
import { Command } from "commander";
import { openDatabase, redactUrl } from "@/lib/db/database";
import { exportDataset, restoreDataset } from "@/lib/db/dataset";

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");

export function exportCommand(): Command {
  return new Command("export")
    .description("write every table of the database (DATABASE_URL or the embedded one) to a file; .gz compresses")
    .argument("<file>", "output file, e.g. backup.ndjson.gz")
    .action(async (file: string) => {
      const database = await openDatabase({ migrate: false });
      try {
        const counts = await exportDataset(database.url, file);
        console.log(`exported ${redactUrl(database.url)} to ${file}: ${summary(counts)}`);
      } finally {
        await database.close();
      }
    });
}

export function restoreCommand(): Command {
  return new Command("restore")
    .description("load a file written by `export` into an empty database at the same migration (one transaction)")
    .argument("<file>", "file written by `export`")
    .option("--wipe", "empty every table first (replaces the current content)")
    .action(async (file: string, options: { wipe?: boolean }) => {
      const database = await openDatabase();
      try {
        const counts = await restoreDataset(database.url, file, { wipe: options.wipe });
        console.log(`restored ${file} into ${redactUrl(database.url)}: ${summary(counts)}`);
      } finally {
        await database.close();
      }
    });
}
