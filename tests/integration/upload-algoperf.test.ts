// Acceptance: real AlgoPerf runner output (v0.6 self-tuning, Schedule-Free
// AdamW v2, 3 studies × 8 workloads) uploaded with the CLI, then scored by the
// API, gives the official code's score; the derived times equal docs/scoring.md §1
// computed here from the CSVs, and a second upload changes nothing.
import { unpackSteps, unpackValues } from "@/lib/db/eval-columns";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tableCounts, withDb } from "../support/db";
import { createToken, dataVersion, plus, runCli, unique } from "../support/ingest";
import { readPublished } from "../support/published";

const ROUND = "algoperf-v0.6-self-tuning";
const SLUG = "schedule_free_adamw_v2";
const LOGS = path.resolve("tests/fixtures/algoperf_v06_selftuning_logs");
// docs/scoring.md §6: the v0.6 self-tuning budget is 1.5 × the external one.
const SELF_TUNING_FACTOR = 1.5;

interface Spec {
  metric: string;
  target: number;
  direction: "min" | "max";
  budget: number;
}

/**
 * docs/scoring.md §1 from first principles: the time column is `score` (§1.1), the
 * metric is the workload's validation metric (§1.2), the first eval whose
 * metric meets the target inclusively is the hit (§1.3, §1.4).
 */
function expectedTrial(csvFile: string, spec: Spec) {
  const [header, ...lines] = readFileSync(csvFile, "utf8").trim().split("\n");
  const cols = header!.split(",");
  const rows = lines.map((l) => l.split(","));
  const col = (name: string) => rows.map((r) => Number(r[cols.indexOf(name)]));
  const metric = col(spec.metric);
  const score = col("score");
  const steps = col("global_step");
  const i = metric.findIndex((m) => (spec.direction === "min" ? m <= spec.target : m >= spec.target));
  return { rows: rows.length, metric, score, steps, hit: i < 0 ? null : { index: i, seconds: score[i]!, steps: steps[i]! } };
}

const specs = readPublished<{ rounds: Array<{ benchmark_version: string; ruleset: string; workload_specs: Record<string, Spec> }> }>(
  "algoperf_leaderboards.json",
).rounds.find((r) => r.benchmark_version === "v0.6" && r.ruleset === "external")!.workload_specs;

// Every trial of the fixture with its expectation.
const trials = readdirSync(path.join(LOGS, SLUG)).flatMap((studyDir) =>
  readdirSync(path.join(LOGS, SLUG, studyDir)).flatMap((workloadDir) =>
    readdirSync(path.join(LOGS, SLUG, studyDir, workloadDir)).map((trialDir) => {
      const workload = workloadDir.replace(/_(jax|pytorch)$/, "");
      const spec = specs[workload]!;
      return {
        workload,
        study: Number(studyDir.replace("study_", "")),
        trial: Number(trialDir.replace("trial_", "")),
        spec,
        ...expectedTrial(path.join(LOGS, SLUG, studyDir, workloadDir, trialDir, "eval_measurements.csv"), spec),
      };
    }),
  ),
);

let token: string;
let admin: string;

beforeAll(async () => {
  [token, admin] = await Promise.all([createToken(unique("sfaw-runner")), createToken(unique("sfaw-admin"), "admin")]);
});

afterAll(async () => {
  // Leave the seeded round as it was for the other test files.
  const r = await runCli(["submission", "delete", ROUND, SLUG, "--yes", "--url", inject("baseUrl"), "--token", admin]);
  expect(r.code, r.stderr).toBe(0);
});

describe(`CLI upload of ${path.relative(process.cwd(), LOGS)} into ${ROUND}`, () => {
  test("the fixture is what the acceptance criterion describes: 24 trials, 3 studies × 8 workloads", () => {
    expect(trials).toHaveLength(24);
    expect(new Set(trials.map((t) => t.workload)).size).toBe(8);
  });

  test("stores 24 runs with the docs/scoring.md §1 times and scores 0.7499999999999997 like the official code", async () => {
    const before = await tableCounts();
    const version = await dataVersion(ROUND);
    const r = await runCli(["upload", LOGS, "--url", inject("baseUrl"), "--token", token, "--round", ROUND]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Uploaded 24 runs to algoperf-v0.6-self-tuning in 1 request: 24 created, 0 unchanged, 0 replaced.");
    expect(r.stdout).toMatch(/Trial order: directory order \(as Python's os\.listdir/);
    expect(r.stdout).toContain(
      `Submission ${SLUG} (new): 24 runs sent: 24 created; 24 of 24 expected runs in the round (8 workloads × 3 studies × 1 trials); complete.`,
    );

    const after = await tableCounts();
    expect(after).toEqual(plus(before, { Submission: 1, Run: 24, RunEvals: 24, WorkloadResult: 8, Upload: 1, AuditLog: 1 }));
    expect(await dataVersion(ROUND)).toBe(version + 1);

    // Each stored run against the first-principles expectation.
    const runs = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT w.key AS workload, x.study, x.trial, x.reached, x."timeSeconds", x."timeFraction", x.steps, x."firstHitIndex", x."bestMetric", x."overBudget", x.framework, x."clientRunId", e.steps AS "evalSteps", e.times, e.metrics
             FROM "Run" x JOIN "Workload" w ON w.id = x."workloadId" JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId"
             LEFT JOIN "RunEvals" e ON e."runId" = x.id WHERE r.slug = $1 AND s.slug = $2`,
            [ROUND, SLUG],
          )
        ).rows,
    );
    expect(runs).toHaveLength(24);
    for (const t of trials) {
      const run = runs.find((x) => x.workload === t.workload && x.study === t.study && x.trial === t.trial)!;
      const label = `${t.workload} study ${t.study}`;
      expect(run, label).toBeDefined();
      expect(run.reached, label).toBe(t.hit !== null);
      expect(run.firstHitIndex, label).toBe(t.hit?.index ?? null);
      expect(run.timeSeconds, label).toBe(t.hit?.seconds ?? null);
      expect(run.steps, label).toBe(t.hit?.steps ?? null);
      expect(run.timeFraction, label).toBe(t.hit ? t.hit.seconds / (t.spec.budget * SELF_TUNING_FACTOR) : null);
      expect(run.overBudget, label).toBe(false);
      expect(run.framework, label).toBe("pytorch");
      expect(run.clientRunId, label).toBe(`study_${t.study}/${t.workload}_pytorch/trial_${t.trial}`);
      expect(run.bestMetric, label).toBe(t.spec.direction === "min" ? Math.min(...t.metric) : Math.max(...t.metric));
      expect(unpackValues(run.times), label).toEqual(t.score);
      expect(unpackSteps(run.evalSteps), label).toEqual(t.steps);
      expect(unpackValues(run.metrics), label).toEqual(t.metric);
    }

    // Scored through the public API: docs/scoring.md §2.3 median over the 3 studies, one submission in the pool
    // (named: an upload token's submission is unverified, outside the default pool; docs/trust-model.md).
    const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/scores?pool=${SLUG}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body.scores)).toEqual([SLUG]);
    let reached = 0;
    for (const workload of Object.keys(specs)) {
      const studyTimes = trials
        .filter((t) => t.workload === workload)
        .map((t) => t.hit?.seconds ?? Infinity)
        .sort((a, b) => a - b);
      const median = studyTimes[1]!;
      const cell = body.cells[SLUG][workload];
      if (Number.isFinite(median)) {
        reached++;
        expect(cell, workload).toMatchObject({ time: median, status: "hit", ratio: 1 });
      } else {
        expect(cell, workload).toMatchObject({ time: "inf", status: "not_reached" });
      }
    }
    expect(reached).toBe(6);
    // docs/scoring.md §5.3: a one-submission pool is summed pairwise by numpy; 6/8 on every grid point gives this value.
    expect(body.scores[SLUG]).toBe(0.7499999999999997);
  });

  test("uploading the same folder again reports every run unchanged and changes no data", async () => {
    const before = await tableCounts();
    const version = await dataVersion(ROUND);
    const r = await runCli(["upload", LOGS, "--url", inject("baseUrl"), "--token", token, "--round", ROUND, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.counts).toEqual({ runs: 24, created: 0, unchanged: 24, replaced: 0 });
    expect(result.runs.map((x: { status: string }) => x.status)).toEqual(Array(24).fill("unchanged"));
    expect(result.trialOrder).toBe("directory");
    expect(result.completeness[0]).toMatchObject({ submission: SLUG, complete: true, presentRuns: 24 });
    // The upload itself is recorded (one accepted Upload row, one audit entry); no data row changes.
    expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
    expect(await dataVersion(ROUND)).toBe(version);
    const upload = await withDb(
      async (c) => (await c.query(`SELECT outcome, status, "runsTotal", created, unchanged, replaced FROM "Upload" ORDER BY id DESC LIMIT 1`)).rows[0],
    );
    expect(upload).toEqual({ outcome: "accepted", status: 200, runsTotal: 24, created: 0, unchanged: 24, replaced: 0 });
  });
});
