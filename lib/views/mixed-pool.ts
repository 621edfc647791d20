// The flag of a mixed pool (allowMixed=1, docs/hosting-a-round.md) in CSV
// answers and on pages: which rounds, the shared workloads the scores use and
// the workloads dropped. Pure formatting, no I/O.
import type { CsvValue } from "./csv";

export interface MixedFlag {
  reasons: string[];
  sharedWorkloads: string[];
  droppedWorkloads: string[];
  rounds: { slug: string; benchmarkVersion: string; hardware: string | null }[];
}

/** A CSV of a mixed pool gets three columns, repeated on every row, so no row can be read without the flag; others are unchanged. */
export function withMixedColumns(csv: { header: string[]; rows: CsvValue[][] }, mixed: MixedFlag | null | undefined): { header: string[]; rows: CsvValue[][] } {
  if (!mixed) return csv;
  const flag = [mixed.rounds.map((r) => r.slug).join(" "), mixed.sharedWorkloads.join(" "), mixed.droppedWorkloads.join(" ")];
  return { header: [...csv.header, "mixed_pool_rounds", "shared_workloads", "dropped_workloads"], rows: csv.rows.map((r) => [...r, ...flag]) };
}

/** One sentence for a page's banner. */
export function mixedSentence(mixed: MixedFlag): string {
  const rounds = mixed.rounds.map((r) => `${r.slug} (${r.benchmarkVersion}${r.hardware ? `, ${r.hardware}` : ""})`).join(", ");
  const dropped = mixed.droppedWorkloads.length ? `; dropped: ${mixed.droppedWorkloads.join(", ")}` : "";
  return `Mixed pool across ${rounds}: scored on the ${mixed.sharedWorkloads.length} shared workloads only (${mixed.sharedWorkloads.join(", ")})${dropped}. Times of different versions or hardware are not strictly comparable.`;
}
