// Loads the published data the regression tests compare against. Test-side
// I/O only: lib/scoring never reads files.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RoundTrials } from "../../../lib/scoring";

const dataDir = fileURLToPath(new URL("../../../data/published/", import.meta.url));

export interface PublishedRound extends RoundTrials {
  benchmark_version: string;
  ruleset: string;
  published_scores: Record<string, number>;
  official_code_scores_full_precision: Record<string, number>;
}

export function loadRounds(): PublishedRound[] {
  const file = JSON.parse(readFileSync(`${dataDir}algoperf_leaderboards.json`, "utf8")) as { rounds: PublishedRound[] };
  return file.rounds;
}

export function loadRound(version: string, ruleset: string): PublishedRound {
  const round = loadRounds().find((r) => r.benchmark_version === version && r.ruleset === ruleset);
  if (!round) throw new Error(`no published round ${version} ${ruleset}`);
  return round;
}

export interface PaperRow {
  display_name: string;
  score: number;
  runtime_fraction: Record<string, number | null>;
  appendix_e_row?: string;
}

export interface PaperTables {
  conventions: { workload_order: string[] };
  table6_scores: { rows: PaperRow[] };
  appendix_c_baseline_selection: { rows: PaperRow[] };
  appendix_e_all_methods: { rows: PaperRow[] };
  appendix_f_with_schedule_free: { rows: PaperRow[] };
}

export function loadPaperTables(): PaperTables {
  return JSON.parse(readFileSync(`${dataDir}paper_tables.json`, "utf8")) as PaperTables;
}
