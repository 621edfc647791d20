// What an accepted upload does: derived times on both bases, the budget flag,
// idempotency (unchanged / conflict / replace, by identity and by client run
// id), ownership, metadata, completeness, tie order, and hiding.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { unpackSteps, unpackValues } from "@/lib/db/eval-columns";
import { unstorableText } from "@/lib/db/text";
import { encodeSeries } from "@/lib/ingest/packed-evals";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tableCounts, withDb } from "../support/db";
import { createRound, createToken, dataVersion, dropRound, plus, runCli, unique, uploadRest, uploadTrpc, workload } from "../support/ingest";

const SECONDS = unique("test-upload-seconds");
const STEPS = unique("test-upload-steps");
let owner: string;
let other: string;
let admin: string;

beforeAll(async () => {
  await createRound({
    slug: SECONDS,
    budgetFactor: 1.5,
    studiesExpected: 3,
    trialsExpected: 2,
    workloads: [
      workload("w1", { metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: 1000 }),
      workload("w2", { metricName: "validation/accuracy", direction: "max", target: 0.8, budgetSeconds: 2000 }),
      workload("w1_heldout", { role: "held_out", baseKey: "w1", target: 0.55, budgetSeconds: 1000 }),
      workload("w1_other", { role: "variant", baseKey: "w1", target: 0.6, budgetSeconds: 1000 }),
    ],
  });
  await createRound({
    slug: STEPS,
    timeBasis: "budget_fraction",
    workloads: [workload("s1", { metricName: "validation/loss", direction: "min", target: 0.5, budgetSeconds: null, budgetSteps: 1000 })],
  });
  [owner, other, admin] = await Promise.all([createToken(unique("sem-owner")), createToken(unique("sem-other")), createToken(unique("sem-admin"), "admin")]);
});

afterAll(async () => {
  await dropRound(SECONDS);
  await dropRound(STEPS);
});

const storedRun = (round: string, submission: string, workloadKey: string, study: number, trial: number) =>
  withDb(
    async (c) =>
      (
        await c.query(
          `SELECT x.*, e.steps AS "evalSteps", e.times AS "evalTimes", e.metrics AS "evalMetrics" FROM "Run" x
           JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId" JOIN "Workload" w ON w.id = x."workloadId"
           LEFT JOIN "RunEvals" e ON e."runId" = x.id
           WHERE r.slug = $1 AND s.slug = $2 AND w.key = $3 AND x.study = $4 AND x.trial = $5`,
          [round, submission, workloadKey, study, trial],
        )
      ).rows.map((r) => ({
        ...r,
        ...(r.evalSteps && { evalSteps: unpackSteps(r.evalSteps), evalTimes: unpackValues(r.evalTimes), evalMetrics: unpackValues(r.evalMetrics) }),
      }))[0],
  );

describe("a seconds round (budget × 1.5)", () => {
  const evalsRun = {
    submission: "alpha",
    workload: "w1",
    study: 0,
    trial: 1,
    clientRunId: "alpha-w1-0-1",
    evals: { metricName: "validation/loss", steps: [0, 100, 200, 300], times: [5, 400, 800, 1200], metrics: [0.9, 0.6, 0.5, 0.4] },
  };
  const payload = { round: SECONDS, submissions: [{ slug: "alpha", displayName: "Alpha", baseAlgorithm: "AdamW" }], runs: [evalsRun] };

  test("an eval series is turned into the time-to-target (inclusive first hit) on both bases, with completeness", async () => {
    const version = await dataVersion(SECONDS);
    const res = await uploadRest(payload, owner);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // docs/scoring.md §1.3/§1.4: 0.5 <= 0.5 at index 2 is the first hit; §1.1: its time.
    expect(res.body.runs[0]).toMatchObject({
      status: "created",
      reached: true,
      firstHitIndex: 2,
      timeSeconds: 800,
      steps: 200,
      timeFraction: 800 / 1500,
      overBudget: false,
    });
    expect(res.body.counts).toEqual({ runs: 1, created: 1, unchanged: 0, replaced: 0 });
    expect(res.body.submissions).toEqual([{ slug: "alpha", status: "created", hidden: false, verified: false }]);
    expect(res.body.dataVersion).toBe(version + 1);
    expect(await dataVersion(SECONDS)).toBe(version + 1);
    // Base and held-out workloads are expected, plain variants are not (docs/scoring.md §3.2).
    expect(res.body.completeness).toEqual([
      {
        submission: "alpha",
        complete: false,
        expected: { workloads: ["w1", "w2", "w1_heldout"], studies: 3, trials: 2, runs: 18 },
        presentRuns: 1,
        workloads: [
          { workload: "w1", role: "base", studies: 1, trialsPerStudy: { "0": 1 }, complete: false },
          { workload: "w2", role: "base", studies: 0, trialsPerStudy: {}, complete: false },
          { workload: "w1_heldout", role: "held_out", studies: 0, trialsPerStudy: {}, complete: false },
        ],
        missing: ["w1: runs in 1 of 3 studies, study 0 has 1 of 2 trials", "w2: no runs", "w1_heldout: no runs"],
      },
    ]);
    const run = await storedRun(SECONDS, "alpha", "w1", 0, 1);
    expect(run).toMatchObject({
      reached: true,
      timeSeconds: 800,
      timeFraction: 800 / 1500,
      steps: 200,
      firstHitIndex: 2,
      bestMetric: 0.4,
      clientRunId: "alpha-w1-0-1",
    });
    expect(run.evalTimes).toEqual([5, 400, 800, 1200]);
    const result = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT wr.reached, wr."timeSeconds", wr."timeFraction" FROM "WorkloadResult" wr JOIN "Workload" w ON w.id = wr."workloadId" WHERE w.key = 'w1' AND wr."roundId" = (SELECT id FROM "Round" WHERE slug = $1)`,
            [SECONDS],
          )
        ).rows,
    );
    expect(result).toEqual([{ reached: true, timeSeconds: 800, timeFraction: 800 / 1500 }]);
  });

  test("text fields, hyperparameters and provenance are stored exactly as sent, whatever their characters (property)", async () => {
    // The runs' INSERT takes its texts as PostgreSQL array literals built in lib/db/bulk.ts (pgTextArray):
    // quotes, backslashes, braces, commas, "NULL", line breaks and any storable Unicode must come back unchanged.
    const tricky = fc.constantFrom('"', "\\", '\\"', "{}", "{a,b}", ",", "NULL", "null", "", " ", '"NULL"', "a\nb", "\t", "\\\\", '{"x":1}', "é€😀", "}{");
    const storable = (max: number) =>
      fc
        .oneof(
          tricky,
          fc.string({ unit: "binary", maxLength: 24 }),
          fc.array(tricky, { maxLength: 4 }).map((parts) => parts.join("")),
        )
        .filter((s) => s.length <= max && unstorableText(s) === null);
    const value = fc.oneof(
      storable(40),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
      fc.boolean(),
      fc.constant(null),
    );
    const run = fc.record({
      hardware: fc.option(storable(200), { nil: null }),
      framework: fc.option(storable(100), { nil: null }),
      codeCommit: fc.option(storable(100), { nil: null }),
      notes: fc.option(storable(200), { nil: null }),
      clientRunId: fc.option(
        storable(200).filter((s) => s.length > 0),
        { nil: null },
      ),
      hyperparameters: fc.option(fc.dictionary(storable(20), value, { maxKeys: 4 }), { nil: null }),
      provenance: fc.option(fc.record({ gpuModel: storable(200), gitBranch: storable(200), os: storable(200) }), { nil: null }),
      packed: fc.boolean(),
    });
    let sample = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(run, { minLength: 1, maxLength: 6 }), async (runs) => {
        const slug = `texts-${++sample}`;
        // clientRunIds are unique per submission: the draws that repeat one keep only the first.
        const seen = new Set<string>();
        const sent = runs.map((r, trial) => {
          const clientRunId = r.clientRunId !== null && !seen.has(r.clientRunId) ? (seen.add(r.clientRunId), r.clientRunId) : null;
          const { packed, ...fields } = r;
          return {
            ...fields,
            clientRunId,
            submission: slug,
            workload: "w1",
            study: 0,
            trial,
            ...(packed
              ? { packedEvals: { metricName: "validation/loss", ...encodeSeries({ steps: [0, 100], times: [10, 20], metrics: [0.9, 0.4] }) } }
              : { timeToTarget: { reached: false } }),
          };
        });
        const res = await uploadTrpc({ round: SECONDS, submissions: [{ slug }], runs: sent }, owner);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const stored = await withDb(
          async (c) =>
            (
              await c.query(
                `SELECT x.hardware, x.framework, x."codeCommit", x.notes, x."clientRunId", x.hyperparameters, x.provenance FROM "Run" x
                 JOIN "Submission" s ON s.id = x."submissionId" JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 AND s.slug = $2 ORDER BY x.trial`,
                [SECONDS, slug],
              )
            ).rows,
        );
        expect(stored).toEqual(
          sent.map((r) => ({
            hardware: r.hardware,
            framework: r.framework,
            codeCommit: r.codeCommit,
            notes: r.notes,
            clientRunId: r.clientRunId,
            hyperparameters: r.hyperparameters,
            provenance: r.provenance,
          })),
        );
      }),
      { numRuns: 40, seed: 20_261_130 },
    );
  });

  test("the same payload again (tRPC this time) is unchanged: no data row, no version bump", async () => {
    const before = await tableCounts();
    const version = await dataVersion(SECONDS);
    const res = await uploadTrpc(payload, owner);
    expect(res.status).toBe(200);
    expect(res.body.runs[0].status).toBe("unchanged");
    expect(res.body.submissions).toEqual([{ slug: "alpha", status: "unchanged", hidden: false, verified: false }]);
    expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
    expect(await dataVersion(SECONDS)).toBe(version);
    // Without the client run id, the identity (submission, workload, study, trial) finds it just the same.
    const { clientRunId: _omit, ...byIdentity } = evalsRun;
    const again = await uploadRest({ round: SECONDS, runs: [byIdentity] }, owner);
    expect(again.status).toBe(200);
    expect(again.body.runs[0].status).toBe("unchanged");
  });

  test("the same run sent packed (packedEvals, base64 of little-endian values) is unchanged, also against a run stored with the older hash", async () => {
    const b64 = (values: number[], width: 4 | 8) => {
      const b = Buffer.alloc(values.length * width);
      values.forEach((v, i) => (width === 4 ? b.writeInt32LE(v, i * 4) : b.writeDoubleLE(v, i * 8)));
      return b.toString("base64");
    };
    const e = evalsRun.evals;
    const packed = {
      ...evalsRun,
      evals: undefined,
      packedEvals: { metricName: e.metricName, steps: b64(e.steps, 4), times: b64(e.times, 8), metrics: b64(e.metrics, 8) },
    };
    const version = await dataVersion(SECONDS);
    const res = await uploadTrpc({ round: SECONDS, runs: [packed] }, owner);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.runs[0]).toMatchObject({ status: "unchanged", firstHitIndex: 2, timeSeconds: 800 });
    // A run stored before packed hashes carries sha256 of its content as JSON text (lib/ingest/run-hash.ts):
    // re-sent in either form it is still unchanged, and a changed value is still a conflict.
    const oldHash = createHash("sha256")
      .update(JSON.stringify([true, 800, 800 / 1500, 200, 2, 0.4, 0, [e.steps, e.times, e.metrics]]))
      .digest("hex");
    const run = await storedRun(SECONDS, "alpha", "w1", 0, 1);
    await withDb((c) => c.query(`UPDATE "Run" SET "contentHash" = $1 WHERE id = $2`, [oldHash, run.id]));
    for (const body of [{ round: SECONDS, runs: [packed] }, payload]) {
      const again = await uploadRest(body, owner);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.runs[0].status).toBe("unchanged");
    }
    const changed = { ...packed, packedEvals: { ...packed.packedEvals, metrics: b64([0.9, 0.45, 0.4, 0.3], 8) } };
    const conflict = await uploadRest({ round: SECONDS, runs: [changed] }, owner);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain("firstHitIndex 2 stored, 1 sent");
    expect(await dataVersion(SECONDS)).toBe(version);
  });

  test("replace: true from the owner replaces a changed run in place; from an admin too", async () => {
    const changed = { ...evalsRun, evals: { ...evalsRun.evals, metrics: [0.9, 0.45, 0.4, 0.3] } };
    const conflict = await uploadRest({ round: SECONDS, runs: [changed] }, owner);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain("firstHitIndex 2 stored, 1 sent");

    const before = await tableCounts();
    const version = await dataVersion(SECONDS);
    const res = await uploadRest({ round: SECONDS, replace: true, runs: [changed] }, owner);
    expect(res.status).toBe(201);
    expect(res.body.runs[0]).toMatchObject({ status: "replaced", firstHitIndex: 1, timeSeconds: 400 });
    expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
    expect(await dataVersion(SECONDS)).toBe(version + 1);
    expect((await storedRun(SECONDS, "alpha", "w1", 0, 1)).evalMetrics).toEqual([0.9, 0.45, 0.4, 0.3]);

    const byAdmin = await uploadRest({ round: SECONDS, replace: true, runs: [evalsRun] }, admin);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.runs[0]).toMatchObject({ status: "replaced", firstHitIndex: 2 });
  });

  test("a client run id moved to another trial is a conflict, and with replace the run moves", async () => {
    const moved = { ...evalsRun, trial: 2 };
    const conflict = await uploadRest({ round: SECONDS, runs: [moved] }, owner);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.issues[0]).toMatchObject({ path: "runs.0" });
    expect(conflict.body.error.message).toContain('clientRunId "alpha-w1-0-1" already names another run (alpha/w1/study_0/trial_1)');
    const res = await uploadRest({ round: SECONDS, replace: true, runs: [moved] }, owner);
    expect(res.status).toBe(201);
    expect(res.body.runs[0].status).toBe("replaced");
    expect(await storedRun(SECONDS, "alpha", "w1", 0, 1)).toBeUndefined();
    expect(await storedRun(SECONDS, "alpha", "w1", 0, 2)).toMatchObject({ clientRunId: "alpha-w1-0-1" });
  });

  test("metadata: an equal or partial declaration passes, a different one needs replace by the owner", async () => {
    const same = await uploadRest({ round: SECONDS, submissions: [{ slug: "alpha", displayName: "Alpha" }], runs: [{ ...evalsRun, trial: 2 }] }, owner);
    expect(same.status).toBe(200);
    const byOther = await uploadRest(
      { round: SECONDS, replace: true, submissions: [{ slug: "alpha", family: "schedule-free" }], runs: [{ ...evalsRun, trial: 2 }] },
      other,
    );
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.issues[0].path).toBe("submissions.0.family");
    const version = await dataVersion(SECONDS);
    const res = await uploadRest(
      { round: SECONDS, replace: true, submissions: [{ slug: "alpha", family: "schedule-free", horizon: 0.5 }], runs: [{ ...evalsRun, trial: 2 }] },
      owner,
    );
    expect(res.status).toBe(201);
    expect(res.body.submissions).toEqual([{ slug: "alpha", status: "updated", hidden: false, verified: false }]);
    expect(await dataVersion(SECONDS)).toBe(version + 1);
    const sub = await withDb(
      async (c) => (await c.query(`SELECT "displayName", family, horizon, "baseAlgorithm", source FROM "Submission" WHERE slug = 'alpha'`)).rows[0],
    );
    expect(sub).toEqual({ displayName: "Alpha", family: "schedule-free", horizon: 0.5, baseAlgorithm: "AdamW", source: "uploaded" });
  });

  test("a hit at or past budgetSeconds × budgetFactor is stored, flagged and warned about (docs/scoring.md §1.5)", async () => {
    const res = await uploadRest(
      {
        round: SECONDS,
        submissions: [{ slug: "late" }],
        runs: [
          { submission: "late", workload: "w2", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 3000, firstHitIndex: 7 } },
          { submission: "late", workload: "w2", study: 1, trial: 1, timeToTarget: { reached: true, seconds: 2999.5, firstHitIndex: 7 } },
        ],
      },
      owner,
    );
    expect(res.status).toBe(201);
    expect(res.body.runs.map((r: { overBudget: boolean; timeFraction: number }) => [r.overBudget, r.timeFraction])).toEqual([
      [true, 1],
      [false, 2999.5 / 3000],
    ]);
    expect(res.body.warnings).toEqual([
      { path: "runs.0.timeToTarget", message: expect.stringContaining("at or past the budget of w2 (2000 s × 1.5 = 3000 s)") },
    ]);
    expect((await storedRun(SECONDS, "late", "w2", 0, 1)).overBudget).toBe(true);
  });

  test("a time without its eval index in a multi-trial round is accepted with a warning (docs/scoring.md §2.2)", async () => {
    const res = await uploadRest(
      {
        round: SECONDS,
        submissions: [{ slug: "noindex" }],
        runs: [{ submission: "noindex", workload: "w1", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 10 } }],
      },
      owner,
    );
    expect(res.status).toBe(201);
    expect(res.body.warnings[0]).toMatchObject({ path: "runs.0.timeToTarget.firstHitIndex" });
  });

  test("null metrics (NaN in the log) never meet the target and are kept as NaN", async () => {
    const res = await uploadRest(
      {
        round: SECONDS,
        submissions: [{ slug: "nanny" }],
        runs: [{ submission: "nanny", workload: "w1", study: 0, trial: 1, evals: { steps: [0, 1, 2], times: [1, 2, 3], metrics: [0.9, null, 0.4] } }],
      },
      owner,
    );
    expect(res.status).toBe(201);
    expect(res.body.runs[0]).toMatchObject({ reached: true, firstHitIndex: 2, timeSeconds: 3 });
    expect((await storedRun(SECONDS, "nanny", "w1", 0, 1)).evalMetrics).toEqual([0.9, NaN, 0.4]);
  });

  test("ties on the first-hit index go to the lower position, whatever the trial numbers (docs/scoring.md §2.2)", async () => {
    const trial = (t: number, position: number, seconds: number) => ({
      submission: "ties",
      workload: "w1",
      study: 0,
      trial: t,
      position,
      timeToTarget: { reached: true, seconds, firstHitIndex: 3 },
    });
    const best = async () =>
      (
        await withDb(
          async (c) =>
            (await c.query(`SELECT wr."perStudy" FROM "WorkloadResult" wr JOIN "Submission" s ON s.id = wr."submissionId" WHERE s.slug = 'ties'`)).rows[0]
              .perStudy,
        )
      )[0];
    expect((await uploadRest({ round: SECONDS, submissions: [{ slug: "ties" }], runs: [trial(5, 0, 50), trial(1, 1, 10)] }, owner)).status).toBe(201);
    expect(await best()).toMatchObject({ trial: 5, seconds: 50 });
    expect((await uploadRest({ round: SECONDS, replace: true, runs: [trial(5, 1, 50), trial(1, 0, 10)] }, owner)).status).toBe(201);
    expect(await best()).toMatchObject({ trial: 1, seconds: 10 });
  });

  test("hiding a submission (admin CLI) takes it out of the scores; uploads to it still work, with a warning", async () => {
    const scores = async () => {
      const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${SECONDS}/scores`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body.scores as Record<string, number>;
    };
    // The official rules need every held-out workload in the pool, with or without alpha (docs/scoring.md §3.2).
    const heldOut = (submission: string) => ({ submission, workload: "w1_heldout", study: 0, trial: 1, timeToTarget: { reached: false } });
    expect((await uploadRest({ round: SECONDS, runs: [heldOut("alpha"), heldOut("late")] }, owner)).status).toBe(201);
    // Uploads of an upload token join the default pool once an admin verifies them (docs/trust-model.md).
    for (const slug of ["alpha", "late"])
      expect((await runCli(["submission", "verify", SECONDS, slug, "--url", inject("baseUrl"), "--token", admin])).code).toBe(0);
    expect(Object.keys(await scores())).toContain("alpha");
    const version = await dataVersion(SECONDS);
    const hide = await runCli(["submission", "hide", SECONDS, "alpha", "--url", inject("baseUrl"), "--token", admin]);
    expect(hide.code, hide.stderr).toBe(0);
    expect(hide.stdout).toContain(`${SECONDS}/alpha: hidden`);
    expect(await dataVersion(SECONDS)).toBe(version + 1);
    expect(Object.keys(await scores())).not.toContain("alpha");
    const res = await uploadRest({ round: SECONDS, runs: [{ ...evalsRun, trial: 2 }] }, owner);
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([{ path: "runs.0.submission", message: expect.stringContaining("hidden") }]);
    const unhide = await runCli(["submission", "unhide", SECONDS, "alpha", "--url", inject("baseUrl"), "--token", admin]);
    expect(unhide.code, unhide.stderr).toBe(0);
    expect(Object.keys(await scores())).toContain("alpha");
    const audit = await withDb(
      async (c) => (await c.query(`SELECT action, target, outcome FROM "AuditLog" WHERE target = $1 ORDER BY id`, [`${SECONDS}/alpha`])).rows,
    );
    expect(audit).toEqual([
      { action: "admin.verifySubmission", target: `${SECONDS}/alpha`, outcome: "ok" },
      { action: "admin.hideSubmission", target: `${SECONDS}/alpha`, outcome: "ok" },
      { action: "admin.unhideSubmission", target: `${SECONDS}/alpha`, outcome: "ok" },
    ]);
  });

  test("deleting a submission (admin CLI) removes it with its runs and results", async () => {
    const before = await tableCounts();
    const runs = await withDb(async (c) =>
      Number((await c.query(`SELECT count(*) AS n FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" WHERE s.slug = 'nanny'`)).rows[0].n),
    );
    const r = await runCli(["submission", "delete", SECONDS, "nanny", "--yes", "--url", inject("baseUrl"), "--token", admin]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${SECONDS}/nanny: deleted with ${runs} runs`);
    expect(await tableCounts()).toEqual(plus(before, { Submission: -1, Run: -runs, RunEvals: -runs, WorkloadResult: -1, AuditLog: 1 }));
  });
});

describe("a step-budget round (fractions of budgetSteps, like the paper's)", () => {
  test("steps give the fraction; seconds are kept too; a seconds-only hit cannot be scored there", async () => {
    const res = await uploadRest(
      {
        round: STEPS,
        submissions: [{ slug: "stepper" }],
        runs: [
          { submission: "stepper", workload: "s1", study: 0, trial: 1, evals: { steps: [0, 250, 500], times: [1, 60, 120], metrics: [1, 0.5, 0.3] } },
          { submission: "stepper", workload: "s1", study: 1, trial: 1, timeToTarget: { reached: true, fraction: 0.4 } },
          { submission: "stepper", workload: "s1", study: 2, trial: 1, timeToTarget: { reached: true, steps: 1200, seconds: 99 } },
        ],
      },
      owner,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.runs.map((r: Record<string, unknown>) => [r.timeSeconds, r.steps, r.timeFraction, r.overBudget])).toEqual([
      [60, 250, 0.25, false],
      [null, null, 0.4, false],
      [99, 1200, 1.2, true],
    ]);
    expect(res.body.warnings).toEqual([{ path: "runs.2.timeToTarget", message: expect.stringContaining("past the step budget of s1 (1000)") }]);

    const bad = await uploadRest(
      { round: STEPS, runs: [{ submission: "stepper", workload: "s1", study: 3, trial: 1, timeToTarget: { reached: true, seconds: 10 } }] },
      owner,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: "runs.0.timeToTarget.fraction", message: expect.stringContaining("needs one of fraction, steps") }]);
  });
});
