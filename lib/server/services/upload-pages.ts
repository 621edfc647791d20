// The addresses of the pages that show an upload (issue 15: "upload and find
// your results"): the round's leaderboard and each submission's page, as
// paths on the server that answered. An unverified submission is outside the
// round's default pool (docs/trust-model.md), so the leaderboard address adds
// it: one visit shows its row, in a view that says it includes unverified results.
import { routes } from "@/lib/views/routes";

export interface UploadPages {
  leaderboard: string;
  submissions: Record<string, string>;
}

export function withPages<T extends { round: string; submissions: { slug: string; verified?: boolean; hidden?: boolean }[] }>(
  result: T,
): T & { pages: UploadPages } {
  const add = result.submissions.filter((s) => s.verified === false && !s.hidden).map((s) => s.slug);
  return {
    ...result,
    pages: {
      leaderboard: routes.round(result.round, add.length > 0 ? { add } : undefined),
      submissions: Object.fromEntries(result.submissions.map((s) => [s.slug, routes.submission(result.round, s.slug)])),
    },
  };
}
