// How tests run the project CLI: as `npm run cli` does (package.json), node on
// scripts/cli.mjs, which runs the compiled CLI (built on first use, cached by a
// hash of the sources), without npm's own start-up.
import path from "node:path";

export const CLI: readonly [string, readonly string[]] = [process.execPath, [path.resolve(__dirname, "..", "..", "scripts", "cli.mjs")]];

/** [command, args] for `npm run cli -- ...args`. */
export function cli(...args: string[]): [string, string[]] {
  return [CLI[0], [...CLI[1], ...args]];
}
