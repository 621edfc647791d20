// GET /rounds/<round>/feed.atom – Atom feed of the round's changes: one entry
// per version that changed its default view (docs/feeds-and-badges.md).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { atomResponse } from "@/lib/server/http/atom-response";
import { roundFeedChanges } from "@/lib/server/services/feeds";
import { changesPath, roundFeedPath } from "@/lib/views/feeds/atom-feed";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string }> }) {
  try {
    const { round } = await params;
    const feed = await roundFeedChanges(db(), { round });
    return atomResponse(req, feed, { self: roundFeedPath(round), alternate: changesPath(round), title: `AlgoPerf Leaderboard · ${feed.name}: changes` });
  } catch (error) {
    return errorResponse(error);
  }
}
