// The project CLI, run as `npm run cli -- <command>` (tsx ingest/cli.ts).
// A thin registry: every command lives in ingest/commands/<name>.ts and
// exports a function that builds its commander Command; add new ones to the
// list below.
import { Command } from "commander";
import { importCommand } from "./commands/import";
import { scoreCommand } from "./commands/score";
import { submissionCommand } from "./commands/submission";
import { tokenCommand } from "./commands/token";
import { uploadCommand } from "./commands/upload";

const program = new Command("algoperf-leaderboard")
  .description("AlgoPerf Leaderboard command-line tools")
  .showHelpAfterError();

for (const command of [uploadCommand(), importCommand(), tokenCommand(), submissionCommand(), scoreCommand()]) program.addCommand(command);

await program.parseAsync(process.argv);
