// The addresses of the pages that show an upload (issue 15: "upload and find
// your results"): the round's leaderboard and each submission's page, as
// paths on the server that answered.
import { routes } from "@/lib/views/routes";

export interface UploadPages {
  leaderboard: string;
  submissions: Record<string, string>;
}

export function withPages<T extends { round: string; submissions: { slug: string }[] }>(result: T): T & { pages: UploadPages } {
  return {
    ...result,
    pages: {
      leaderboard: routes.round(result.round),
      submissions: Object.fromEntries(result.submissions.map((s) => [s.slug, routes.submission(result.round, s.slug)])),
    },
  };
}
