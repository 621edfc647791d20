// npm run bench:generate -- --runs 1000000: fills the database in use
// (DATABASE_URL, or the embedded one of `npm start`) with synthetic runs, to
// look at the site or run the load benchmark against a big dataset.
import { Command } from "commander";
import { createDb } from "@/lib/db/create-db";
import { openDatabase } from "@/lib/db/database";
import { seedPublishedData } from "@/scripts/seed";
import { addSyntheticRuns } from "./synthetic";

const options = new Command("generate-runs")
  .option("--runs <n>", "runs to add", (v) => Number(v), 1_000_000)
  .option("--per-round <n>", "submissions per synthetic round", (v) => Number(v), 40)
  .parse()
  .opts<{ runs: number; perRound: number }>();

const database = await openDatabase({ log: console.log });
const db = createDb(database.url, { max: 2 });
try {
  await seedPublishedData(db);
  const started = Date.now();
  const slugs = await addSyntheticRuns(db, { runs: options.runs, submissionsPerRound: options.perRound, log: console.log });
  console.log(
    `added ${slugs.length} synthetic rounds (${options.runs.toLocaleString("en")} runs) in ${((Date.now() - started) / 1000).toFixed(1)} s; total runs: ${(await db.run.count()).toLocaleString("en")}`,
  );
} finally {
  await db.$disconnect();
  await database.close();
}
