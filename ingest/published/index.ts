// Everything the seed loads: the paper's round and the AlgoPerf rounds, read
// from the copies in data/published (see data/published/README.md).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RoundSeed } from "@/lib/ingest/round-seed";
import { ALGOPERF_ROUND_SLUGS, algoperfRoundWorkloads, algoperfRounds } from "./algoperf";
import { algoperfLeaderboardsFile, algoperfTargetsFile, paperTablesFile } from "./files";
import { paperRound } from "./paper";

export const PUBLISHED_DIR = path.resolve(process.cwd(), "data", "published");

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(PUBLISHED_DIR, file), "utf8"));
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } },
  value: unknown,
  file: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues.slice(0, 5).map((i) => `${file}: ${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
  throw new Error(`invalid published data\n${first.join("\n")}`);
}

/**
 * One published round's workloads and targets, without its submissions,
 * reading only the file it comes from and validating only that part of it
 * (`score --round` needs one round's targets: validating every published
 * trial cost it ~0.1 s of start-up); undefined when no published round has
 * that slug.
 */
export async function publishedRoundWorkloads(slug: string): Promise<RoundSeed | undefined> {
  if (ALGOPERF_ROUND_SLUGS.includes(slug)) {
    return algoperfRoundWorkloads(parse(algoperfTargetsFile, await readJson("algoperf_leaderboards.json"), "algoperf_leaderboards.json"), slug);
  }
  return (await publishedRounds()).find((r) => r.slug === slug);
}

export async function publishedRounds(): Promise<RoundSeed[]> {
  const paper = parse(paperTablesFile, await readJson("paper_tables.json"), "paper_tables.json");
  const leaderboards = parse(algoperfLeaderboardsFile, await readJson("algoperf_leaderboards.json"), "algoperf_leaderboards.json");
  return [paperRound(paper), ...algoperfRounds(leaderboards)];
}
