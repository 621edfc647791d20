// The permalink and citation controls of a page of one round: the version
// the page shows, read on the server by the loader the page hands over
// (lib/server/pages/citation.ts; called when this renders, as before it
// moved out of the component), then to the browser-side controls. Rendered by every page of a round
// (leaderboard, profiles, workloads, submission, analysis, compare); nothing
// when the round cannot be read (the page reports that itself). Also the
// page's <link> to the round's Atom feed.
import { CiteViewControls } from "@/components/cite/cite-view-controls";
import type { ViewVersion } from "@/lib/server/services/view-version";
import { roundFeedPath } from "@/lib/views/feeds/atom-feed";

export async function CiteThisView({ citation }: { citation: () => Promise<ViewVersion | null> }) {
  const v = await citation();
  if (!v) return null;
  return (
    <>
      {/* React places a <link> in the document's head: feed readers find the round's feed from any of its pages. */}
      <link rel="alternate" type="application/atom+xml" href={roundFeedPath(v.round.slug)} title={`${v.round.name}: changes (Atom)`} />
      <CiteViewControls round={v.round} version={v.version} versionDate={v.date} />
    </>
  );
}
