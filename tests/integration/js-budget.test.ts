// The leaderboard's first-load JavaScript stays within 250 KB gzip: the
// tables and charts are server-rendered HTML, so only Next.js, React and the
// small interaction components ship. Counted in bytes from the served HTML.
import { expect, inject, test } from "vitest";
import { firstLoadJs } from "../support/first-load-js";

const BUDGET = 250 * 1000;

test("first-load JavaScript of the leaderboard pages is at most 250 KB gzip", async () => {
  for (const path of ["/", "/rounds/algoperf-v0.5-external", "/rounds/paper-2505.24005/profiles"]) {
    const js = await firstLoadJs(inject("baseUrl"), path);
    console.log(
      `${path}: ${js.scripts.length} scripts, ${(js.totalGzip / 1000).toFixed(1)} KB gzip (${(js.totalBytes / 1000).toFixed(1)} KB raw); inline payload ${(js.inlineGzip / 1000).toFixed(1)} KB gzip`,
    );
    expect(js.scripts.length, path).toBeGreaterThan(0);
    expect(js.totalGzip, path).toBeLessThanOrEqual(BUDGET);
  }
});
