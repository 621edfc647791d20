// A round's upload window (docs/hosting-a-round.md "Dates"): upload tokens
// may write into a round only between its opensAt (inclusive) and closesAt
// (exclusive). Admin tokens are exempt, as for published rounds
// (docs/trust-model.md): an organiser corrects a closed round's results.

export interface UploadWindow {
  slug: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

/** Why an upload token may not write into the round at `now`, or null when the window is open. */
export function uploadWindowProblem(round: UploadWindow, now: Date): string | null {
  if (round.opensAt && now < round.opensAt) return `round "${round.slug}" opens to uploads at ${round.opensAt.toISOString()}; upload again from then on`;
  if (round.closesAt && now >= round.closesAt)
    return `round "${round.slug}" closed to uploads at ${round.closesAt.toISOString()}; only an admin token may still correct it`;
  return null;
}

/** "open", "not yet open" or "closed" at `now`, for the round page. */
export function uploadWindowState(round: UploadWindow & { published: boolean }, now: Date): "open" | "not yet open" | "closed" {
  if (round.published || (round.closesAt && now >= round.closesAt)) return "closed";
  if (round.opensAt && now < round.opensAt) return "not yet open";
  return "open";
}
