// GET /feed.atom – Atom feed of the whole site: the entries of every round's
// feed, newest first (docs/feeds-and-badges.md).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { atomResponse } from "@/lib/server/http/atom-response";
import { siteFeedChanges } from "@/lib/server/services/feeds";
import { siteFeedPath } from "@/lib/views/feeds/atom-feed";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  try {
    return atomResponse(req, await siteFeedChanges(db()), { self: siteFeedPath, alternate: "/", title: "AlgoPerf Leaderboard: changes in every round" });
  } catch (error) {
    return errorResponse(error);
  }
}
