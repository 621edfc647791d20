// The permalink and citation controls of a page of one round: the version
// the page shows, read on the server, handed to the browser-side controls.
// Rendered by every page of a round (leaderboard, profiles, workloads,
// submission, analysis, compare); nothing when the round cannot be read (the
// page reports that itself).
import { CiteViewControls } from "@/components/cite/cite-view-controls";
import { db } from "@/lib/db/client";
import { asAppError } from "@/lib/server/errors";
import { viewVersion, type ViewVersion } from "@/lib/server/services/view-version";

export async function CiteThisView({ round }: { round: string }) {
  let v: ViewVersion;
  try {
    v = await viewVersion(db(), { round });
  } catch (error) {
    if (asAppError(error)) return null;
    throw error;
  }
  return <CiteViewControls round={v.round} version={v.version} versionDate={v.date} />;
}
