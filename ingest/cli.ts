// The project CLI, run as `npm run cli -- <command>` (tsx ingest/cli.ts).
// A thin registry: every command lives in ingest/commands/<name>.ts and
// exports a function that builds its commander Command; add new ones to the
// list below. Only the module of the command being run is loaded (the others
// pull in the database client and the API client, ~0.5 s of start-up that
// `score` on folders does not need); help and unknown commands load them all.
import { Command } from "commander";

const COMMANDS: Record<string, () => Promise<Command[]>> = {
  upload: async () => [(await import("./commands/upload")).uploadCommand()],
  import: async () => [(await import("./commands/import")).importCommand()],
  token: async () => [(await import("./commands/token")).tokenCommand()],
  round: async () => [(await import("./commands/round")).roundCommand()],
  submission: async () => [(await import("./commands/submission")).submissionCommand()],
  score: async () => [(await import("./commands/score")).scoreCommand()],
  export: async () => {
    const m = await import("./commands/dataset");
    return [m.exportCommand()];
  },
  restore: async () => {
    const m = await import("./commands/dataset");
    return [m.restoreCommand()];
  },
};

// `npm run cli -- score ... | head`: a reader that stops reading is no error (Node would throw
// EPIPE from the write, with a stack trace). What the command did stands; its exit code is kept.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit();
});

const program = new Command("algoperf-leaderboard").description("AlgoPerf Leaderboard command-line tools").showHelpAfterError();

try {
  const name = process.argv[2];
  const loaders = name !== undefined && Object.hasOwn(COMMANDS, name) ? [COMMANDS[name]!] : Object.values(COMMANDS);
  for (const load of loaders) for (const command of await load()) program.addCommand(command);
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures (bad input, refused restore, ...) are reported as one line, not a stack trace.
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
