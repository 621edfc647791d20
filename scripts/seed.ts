// The seed: published tables and leaderboards, loaded on every start and
// skipped when unchanged (a second start adds nothing).
import type { Db } from "@/lib/db/client";
import { loadRound } from "@/lib/ingest/load-round";
import { publishedRounds } from "@/ingest/published";

export async function seedPublishedData(db: Db, options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  for (const seed of await publishedRounds()) {
    const result = await loadRound(db, seed, { force: options.force });
    if (result.status === "loaded") log(`loaded ${result.round}: ${result.submissions} submissions, ${result.runs} runs`);
  }
}
