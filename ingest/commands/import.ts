// `import [--force]`: load the published tables and leaderboards (data/published)
// into the database of DATABASE_URL, or the embedded one: the same code as the
// seed that `npm start` runs (scripts/seed.ts seedPublishedData).
import { Command } from "commander";
import { seedPublishedData } from "@/scripts/seed";
import { withLocalDb } from "./local-db";

export function importCommand(): Command {
  return new Command("import")
    .description(
      "load the published AlgoPerf leaderboards and the paper's tables into the database (DATABASE_URL, or the embedded one); rounds whose data is unchanged are skipped",
    )
    .option("--force", "reload rounds even if their data is unchanged")
    .action(async function (this: Command, options: { force?: boolean }) {
      try {
        let loaded = 0;
        await withLocalDb((db) =>
          seedPublishedData(db, {
            force: options.force,
            log: (line) => {
              loaded++;
              process.stdout.write(`${line}\n`);
            },
          }),
        );
        if (loaded === 0) process.stdout.write("published data is already loaded and unchanged (--force reloads it)\n");
      } catch (error) {
        this.error(`error: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 1 });
      }
    });
}
