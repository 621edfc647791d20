// A file with six different mistakes gets all six in one answer (issue 15):
// shape errors and the round-level checks (unknown workload, undeclared
// submission, time basis) together, with "did you mean" for unknown names;
// and an accepted upload answers with the pages that now show it.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createRound, createToken, dropRound, unique, uploadRest, uploadTrpc, workload } from "../support/ingest";

const ROUND = unique("test-all-problems");
let token: string;

beforeAll(async () => {
  await createRound({
    slug: ROUND,
    workloads: [workload("ogbg"), workload("wmt"), workload("fastmri"), workload("criteo1tb"), workload("imagenet_vit"), workload("librispeech_conformer")],
  });
  token = await createToken(unique("all-problems"));
});
afterAll(() => dropRound(ROUND));

const SIX = () => ({
  round: ROUND,
  submissions: [{ slug: "my-opt" }],
  runs: [
    { submission: "my-opt", workload: "ogbgg", study: 0, trial: 1, timeToTarget: { reached: false } }, // 1. unknown workload (typo)
    { submission: "my-optt", workload: "wmt", study: 0, trial: 1, timeToTarget: { reached: false } }, // 2. undeclared submission (typo)
    { submission: "my-opt", workload: "fastmri", study: -1, trial: 1, timeToTarget: { reached: false } }, // 3. negative study
    { submission: "my-opt", workload: "criteo1tb", study: 0, trial: 1, timeToTarget: { reached: true, fraction: 0.5 } }, // 4. seconds round without seconds
    { submission: "my-opt", workload: "imagenet_vit", study: 0, trial: 1 }, // 5. neither timeToTarget nor evals
    { submission: "my-opt", workload: "librispeech_conformer", study: 0, trial: 1, timeToTarget: { reached: false }, colour: "red" }, // 6. unknown field
  ],
});

test("six different mistakes, six issues in one answer, through both endpoints", async () => {
  for (const send of [uploadRest, uploadTrpc]) {
    const r = await send(SIX(), token);
    expect(r.status).toBe(400);
    const error = (r.body as { error: { issues?: { path: string; message: string }[]; data?: { issues: { path: string; message: string }[] } } }).error;
    const issues = error.issues ?? error.data?.issues ?? [];
    const paths = issues.map((i) => i.path).sort();
    expect(paths).toEqual(["runs.0.workload", "runs.1.submission", "runs.2.study", "runs.3.timeToTarget.seconds", "runs.4.timeToTarget", "runs.5"]);
    const message = (path: string) => issues.find((i) => i.path === path)!.message;
    expect(message("runs.0.workload")).toMatch(/Did you mean "ogbg"\?/);
    expect(message("runs.1.submission")).toMatch(/Did you mean "my-opt"\?/);
    expect(message("runs.5")).toMatch(/colour/);
  }
});

test("an unknown round gets a suggestion", async () => {
  const r = await uploadRest({ ...SIX(), round: `${ROUND}x` }, token);
  expect(r.status).toBe(400);
  const issues = (r.body as { error: { issues: { path: string; message: string }[] } }).error.issues;
  expect(issues.find((i) => i.path === "round")?.message).toMatch(new RegExp(`Did you mean "${ROUND}"\\?`));
});

test("an accepted upload answers with the pages that now show it", async () => {
  const r = await uploadRest(
    {
      round: ROUND,
      submissions: [{ slug: "found-me" }],
      runs: [{ submission: "found-me", workload: "ogbg", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 10 } }],
    },
    token,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const pages = (r.body as { pages: { leaderboard: string; submissions: Record<string, string> } }).pages;
  // An upload token's submission is unverified (outside the default pool): the leaderboard address adds it.
  expect(pages).toEqual({ leaderboard: `/rounds/${ROUND}?add=found-me`, submissions: { "found-me": `/rounds/${ROUND}/submissions/found-me` } });
});
