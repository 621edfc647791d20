// `/`: the leaderboard of the default round (the paper's, while it is listed
// first), with the round picker, and an index of every round below it.
// Filters keep the `/` address.
import { Suspense } from "react";
import { RoundLeaderboard } from "@/app/rounds/[round]/round-leaderboard";
import { RoundDirectory } from "@/components/rounds/round-directory";
import { db } from "@/lib/db/client";
import { optionalRead, rememberedPageResult } from "@/lib/server/page-result";
import { defaultRoundSlug, listRounds, roundIndex, roundSummaries, type RoundSummary } from "@/lib/server/services/catalog";
import { pickRounds } from "@/lib/views/round-picker";
import { HomeOrientation } from "@/components/rounds/home-orientation";
import { UnavailableNotice } from "@/components/ui/outage-notice";

export const dynamic = "force-dynamic";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const round = await rememberedPageResult("default-round", () => defaultRoundSlug(db()));
  if (!round.ok) {
    if (round.error.code === "SERVICE_UNAVAILABLE") return <UnavailableNotice what="The leaderboard" />;
    throw round.error;
  }
  const rounds = await optionalRead("round-summaries", () => roundSummaries(db()), [] as RoundSummary[]);
  return (
    <div className="space-y-6">
      <HomeOrientation rounds={rounds} shown={round.value.value} />
      <RoundLeaderboard round={round.value.value} path="/" searchParams={await searchParams} />
      <Suspense fallback={null}>
        <RoundDirectory index={roundDirectory()} />
      </Suspense>
    </div>
  );
}

/** The site index below the leaderboard; it can wait: while the database is unavailable it is the last one read, or left out. */
function roundDirectory() {
  return optionalRead(
    "round-directory",
    async () => {
      const all = await roundIndex(db());
      return {
        total: all.length,
        rounds: await listRounds(
          db(),
          pickRounds(all).map((r) => r.slug),
        ),
      };
    },
    null,
  );
}
