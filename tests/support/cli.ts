// How tests run the project CLI: node with tsx's loader in one process (the
// tsx binary starts a second node process, which costs about a second per run).
import path from "node:path";

export const CLI: readonly [string, readonly string[]] = [process.execPath, ["--import", "tsx", path.resolve(__dirname, "..", "..", "ingest", "cli.ts")]];

/** [command, args] for `npm run cli -- ...args`. */
export function cli(...args: string[]): [string, string[]] {
  return [CLI[0], [...CLI[1], ...args]];
}
