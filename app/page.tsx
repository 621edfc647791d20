// `/`: the leaderboard of the default round (the paper's, while it is listed
// first), with the round picker, and an index of every round below it.
// Filters keep the `/` address.
import { Suspense } from "react";
import { LeaderboardView } from "@/components/leaderboard/leaderboard-view";
import { RoundDirectory } from "@/components/rounds/round-directory";
import { db } from "@/lib/db/client";
import { defaultRoundSlug } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const round = await defaultRoundSlug(db());
  return (
    <div className="space-y-10">
      <LeaderboardView round={round} path="/" searchParams={await searchParams} />
      <Suspense fallback={null}>
        <RoundDirectory />
      </Suspense>
    </div>
  );
}
