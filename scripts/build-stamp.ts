// Whether the production build in .next matches the sources: `npm start`
// rebuilds only when an input of the build changed.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "ingest",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const STAMP = path.join(".next", "algoperf-build-stamp");

async function files(entry: string): Promise<string[]> {
  if (!existsSync(entry)) return [];
  const dirents = await readdir(entry, { withFileTypes: true }).catch(() => null);
  if (!dirents) return [entry];
  const nested = await Promise.all(dirents.filter((d) => !SKIP.has(d.name)).map((d) => files(path.join(entry, d.name))));
  return nested.flat();
}

export async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  const all = (await Promise.all(INPUTS.map(files))).flat().sort();
  for (const file of all)
    hash
      .update(file)
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  return hash.digest("hex");
}

export async function buildIsCurrent(hash: string): Promise<boolean> {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) && (await readFile(STAMP, "utf8")) === hash;
}

export async function writeBuildStamp(hash: string): Promise<void> {
  await writeFile(STAMP, hash);
}
