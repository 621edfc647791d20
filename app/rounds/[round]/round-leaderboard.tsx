// The leaderboard of a round as `/` (the default round) and /rounds/<round>
// show it: the page's reads (lib/server/pages/leaderboard.ts), then the view.
// An async component of its own, so that `/` renders it beside the round
// directory, as when the view read the database itself.
import { LeaderboardView } from "@/components/leaderboard/leaderboard-view";
import { loadLeaderboardPage } from "@/lib/server/pages/leaderboard";

export async function RoundLeaderboard({
  round,
  path,
  searchParams,
}: {
  round: string;
  path: string;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  return <LeaderboardView path={path} data={await loadLeaderboardPage({ round, searchParams })} />;
}
