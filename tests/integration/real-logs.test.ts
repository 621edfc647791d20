// Opt-in acceptance on the real published logs (issue 12): set
// ALGOPERF_LOGS_DIR to a checkout's `previous_leaderboards` folder
// (mlcommons/submissions_algorithms). Each round's folder is uploaded untouched
// in ONE CLI call, and the scores the server then gives, and those of
// `cli score` on the same folder, must equal the official code's
// (data/published/algoperf_leaderboards.json, official_code_scores_full_precision)
// within 1e-12. Without the variable the tests are skipped, saying why.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createToken, runCli, unique } from "../support/ingest";
import { readPublished } from "../support/published";

const LOGS = process.env.ALGOPERF_LOGS_DIR;
if (!LOGS) console.log("real-logs: skipped: set ALGOPERF_LOGS_DIR to a previous_leaderboards folder of mlcommons/submissions_algorithms to run it");
else if (!existsSync(path.join(LOGS, "algoperf_v05", "logs"))) console.log(`real-logs: skipped: ${LOGS} has no algoperf_v05/logs`);
const enabled = !!LOGS && existsSync(path.join(LOGS, "algoperf_v05", "logs"));

const published = readPublished<{ rounds: { benchmark_version: string; ruleset: string; official_code_scores_full_precision: Record<string, number> }[] }>(
  "algoperf_leaderboards.json",
).rounds;
const official = (version: string, ruleset: string) =>
  published.find((r) => r.benchmark_version === version && r.ruleset === ruleset)?.official_code_scores_full_precision;

const ROUNDS = [
  { slug: "algoperf-v0.5-external", folder: "algoperf_v05/logs/external_tuning", scores: official("v0.5", "external")!, submissions: 11 },
  { slug: "algoperf-v0.5-self-tuning", folder: "algoperf_v05/logs/self_tuning", scores: official("v0.5", "self-tuning")!, submissions: 6 },
  { slug: "algoperf-v0.6-external", folder: "algoperf_v06/logs/external_tuning", scores: official("v0.6", "external")!, submissions: 2 },
  // Not in the published tables; the official scorer (score_submissions.py, 8-workload targets) prints this (docs/scoring.md §5.3).
  { slug: "algoperf-v0.6-self-tuning", folder: "algoperf_v06/logs/self_tuning", scores: { schedule_free_adamw_v2: 0.7499999999999997 }, submissions: 1 },
];

let admin: string;
beforeAll(async () => {
  if (enabled) admin = await createToken(unique("real-logs"), "admin");
});
afterAll(async () => {
  // The v0.6 self-tuning round has no published submission: leave it empty for the other test files.
  if (enabled)
    await runCli(["submission", "delete", "algoperf-v0.6-self-tuning", "schedule_free_adamw_v2", "--yes", "--url", inject("baseUrl"), "--token", admin]);
});

describe.skipIf(!enabled)("the published AlgoPerf logs, untouched, score as the official code", () => {
  for (const round of ROUNDS) {
    test(`${round.folder}: one upload, then the server's and cli score's scores`, { timeout: 600_000 }, async () => {
      const folder = path.join(LOGS!, round.folder);
      expect(Object.keys(round.scores)).toHaveLength(round.submissions);
      const up = await runCli(["upload", folder, "--url", inject("baseUrl"), "--token", admin, "--round", round.slug, "--replace", "--json"]);
      expect(up.code, up.stderr).toBe(0);
      const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${round.slug}/scores`);
      const body = (await res.json()) as { scores: Record<string, number> };
      for (const [slug, score] of Object.entries(round.scores)) expect(Math.abs(body.scores[slug]! - score), slug).toBeLessThanOrEqual(1e-12);
      const scored = await runCli(["score", folder, "--round", round.slug, "--json"]);
      expect(scored.code, scored.stderr).toBe(0);
      const cli = JSON.parse(scored.stdout) as { scores: Record<string, number> };
      expect(Object.keys(cli.scores).sort()).toEqual(Object.keys(round.scores).sort());
      for (const [slug, score] of Object.entries(round.scores)) expect(cli.scores[slug], slug).toBe(score);
    });
  }
});
