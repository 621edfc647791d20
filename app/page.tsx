// `/`: the leaderboard of the default round (the paper's, while it is listed
// first), with the round picker. Filters keep the `/` address.
import { LeaderboardView } from "@/components/leaderboard/leaderboard-view";
import { db } from "@/lib/db/client";
import { defaultRoundSlug } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const round = await defaultRoundSlug(db());
  return <LeaderboardView round={round} path="/" searchParams={await searchParams} />;
}
