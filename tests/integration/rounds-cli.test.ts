// Hosting a round (docs/hosting-a-round.md): `cli round create` from an
// official targets file with 9 workloads (finewebedu_lm included) and the
// self-tuning ruleset, uploads into it with the CLI, scores equal to the
// scoring engine on the same times, the round page listing its rules, and
// the refusals (nothing written).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { scorePool } from "@/lib/scoring";
import { tableCounts, withDb } from "../support/db";
import { createToken, dropRound, post, runCli, unique, uploadRest } from "../support/ingest";

const tmp = mkdtempSync(path.join(os.tmpdir(), "algoperf-rounds-"));
const ROUND = `test-round-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;

// Validation targets, metrics and step hints of the 2026 targets file (docs/scoring.md §6), in its format.
const TARGETS: Record<string, [string, number, number]> = {
  criteo1tb: ["loss", 0.123735, 10666],
  fastmri: ["ssim", 0.723653, 18094],
  imagenet_resnet: ["accuracy", 0.77431, 195999],
  imagenet_vit: ["accuracy", 0.77309, 167999],
  librispeech_conformer: ["wer", 0.085884, 76000],
  librispeech_deepspeech: ["wer", 0.119936, 38400],
  finewebedu_lm: ["ppl", 22.2995, 72000],
  ogbg: ["mean_average_precision", 0.28098, 52000],
  wmt: ["bleu", 30.8491, 120000],
};
const LOWER_IS_BETTER = new Set(["loss", "wer", "ppl"]);
const BASES = Object.keys(TARGETS);

function targetsFile(
  name: string,
  edit: (f: { benchmark_version: string; base_workloads: string[]; held_out_workloads: string[]; workloads: Record<string, unknown> }) => void = () =>
    undefined,
): string {
  const file = {
    benchmark_version: "0.6",
    base_workloads: [...BASES],
    held_out_workloads: [] as string[],
    workloads: Object.fromEntries(
      Object.entries(TARGETS).map(([k, [metric, value, hint]]) => [k, { target_metric_name: metric, validation_target_value: value, step_hint: hint }]),
    ) as Record<string, unknown>,
  };
  edit(file);
  const p = path.join(tmp, name);
  writeFileSync(p, JSON.stringify(file, null, 2));
  return p;
}

const create = (slug: string, file: string, extra: string[] = []) =>
  runCli([
    "round",
    "create",
    slug,
    "--targets",
    file,
    "--ruleset",
    "self-tuning",
    "--budget-factor",
    "1.5",
    "--studies",
    "2",
    "--trials",
    "1",
    "--hardware",
    "4x A100",
    "--budget",
    "finewebedu_lm=20000",
    ...extra,
  ]);

/** Eval index (0-4) of the first hit per submission, workload and study; null = never reached. */
function hitIndex(sub: number, w: number, study: number): number | null {
  const i = (sub * 3 + w * 2 + study) % 6;
  return i === 5 ? null : i;
}
const evalTime = (sub: number, w: number, study: number, i: number) => 100 * (i + 1) + 7 * w + 3 * study + 11 * sub;

/** A submission in the official layout: study_<k>/<workload>_pytorch/trial_1/eval_measurements.csv. */
function makeSubmission(name: string, sub: number): string {
  const dir = path.join(tmp, name);
  BASES.forEach((workload, w) => {
    const [metric, target] = TARGETS[workload]!;
    const down = LOWER_IS_BETTER.has(metric);
    for (const study of [0, 1]) {
      const trialDir = path.join(dir, `study_${study}`, `${workload}_pytorch`, "trial_1");
      mkdirSync(trialDir, { recursive: true });
      const hit = hitIndex(sub, w, study);
      const rows = [0, 1, 2, 3, 4].map((i) => {
        const reached = hit !== null && i >= hit;
        const value = down ? target * (reached ? 0.99 : 2) : target * (reached ? 1.01 : 0.5);
        return `${evalTime(sub, w, study, i)},${(i + 1) * 100},${value}`;
      });
      writeFileSync(path.join(trialDir, "eval_measurements.csv"), [`accumulated_submission_time,global_step,validation/${metric}`, ...rows].join("\n") + "\n");
    }
  });
  return dir;
}

let token: string;
beforeAll(async () => {
  token = await createToken(unique("round-runner"));
});
afterAll(() => dropRound(ROUND));

describe("round create from an official targets file", () => {
  test("a self-tuning round with 9 workloads, finewebedu_lm included, with its rules", async () => {
    const r = await create(ROUND, targetsFile("targets.json"));
    expect(r.code, r.stderr).toBe(0);
    const round = await withDb(async (c) => (await c.query(`SELECT * FROM "Round" WHERE slug = $1`, [ROUND])).rows[0]);
    expect(round).toMatchObject({
      benchmarkVersion: "v0.6",
      ruleset: "self_tuning",
      budgetFactor: 1.5,
      studiesExpected: 2,
      trialsExpected: 1,
      hardware: "4x A100",
      targetsSource: "targets.json",
      published: false,
    });
    // Its default name is the published v0.6 self-tuning round's: the slug tells them apart in the round picker.
    expect(round.name).toBe(`AlgoPerf v0.6 · Self-tuning (${ROUND})`);
    expect(r.stdout).toContain(`AlgoPerf v0.6 · Self-tuning (${ROUND})`);
    const workloads = await withDb(
      async (c) => (await c.query(`SELECT w.* FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = $1 ORDER BY w.position`, [ROUND])).rows,
    );
    expect(workloads.map((w) => w.key)).toEqual(BASES);
    expect(workloads.find((w) => w.key === "finewebedu_lm")).toMatchObject({
      metricName: "validation/ppl",
      direction: "min",
      target: 22.2995,
      budgetSeconds: 20000,
      stepHint: 72000,
      role: "base",
    });
    // docs/scoring.md §6: the v0.6 budgets.
    expect(workloads.find((w) => w.key === "fastmri")).toMatchObject({ metricName: "validation/ssim", direction: "max", budgetSeconds: 4430 });
    expect(workloads.find((w) => w.key === "wmt")).toMatchObject({ budgetSeconds: 43336 });
  });

  test("runs uploaded with the CLI are scored like the scoring engine on the same times", async () => {
    const subs = ["rounds-sub-a", "rounds-sub-b"];
    for (const [i, name] of subs.entries()) {
      const u = await runCli(["upload", makeSubmission(name, i), "--round", ROUND, "--token", token, "--json"], { ALGOPERF_URL: inject("baseUrl") });
      expect(u.code, u.stderr).toBe(0);
      expect(JSON.parse(u.stdout).counts.created).toBe(18);
    }
    // Times written above: per study the hit eval's time; median over 2 studies (numpy: mean of both; inf if one missed).
    const submissions = subs.map((name, sub) => ({
      name,
      times: Object.fromEntries(
        BASES.map((workload, w) => {
          const t = [0, 1].map((study) => {
            const h = hitIndex(sub, w, study);
            return h === null ? Infinity : evalTime(sub, w, study, h);
          });
          return [workload, (t[0]! + t[1]!) / 2];
        }),
      ),
    }));
    const expected = scorePool(
      { baseWorkloads: BASES, heldOutWorkloads: [], submissions },
      { tauMin: 1, tauMax: 4, points: 100, scale: "linear", integration: "trapezoid", reference: null },
    );
    const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/scores?pool=${subs.join(",")}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    for (const name of subs) expect(body.scores[name], name).toBe(expected.scores[name]);
    expect(Object.values(expected.scores).every((s) => s > 0 && s < 1)).toBe(true);
  });

  test("the round's leaderboard page renders and lists its rules", async () => {
    const res = await fetch(`${inject("baseUrl")}/rounds/${ROUND}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("data-round-rules");
    for (const text of ["v0.6", "Self-tuning", "× 1.5", "2 × 1", "4x A100", "targets.json", "finewebedu_lm", "validation/ppl", "22.2995", "30000"])
      expect(html, text).toContain(text);
    // What changed from the previous version of the ruleset (the seeded v0.5 self-tuning round).
    expect(html).toContain("data-round-changes");
    for (const text of [
      "Changes from AlgoPerf v0.5 · Self-tuning",
      "budget factor × 3 → × 1.5",
      "studies × trials 5 × 1 → 2 × 1",
      "hardware 8x Tesla V100-SXM2-16GB → 4x A100",
      "workloads added: finewebedu_lm",
      "fastmri budget 8859 s → 4430 s",
    ])
      expect(html, text).toContain(text);
  });
});

describe("the new round's other pages (issue 19 acceptance)", () => {
  test("profiles, a workload page (finewebedu_lm) and a submission page render with the uploaded data", async () => {
    // The uploads are unverified (upload token): they are named in the pool.
    const pool = "add=rounds-sub-a&add=rounds-sub-b";
    const profiles = await fetch(`${inject("baseUrl")}/rounds/${ROUND}/profiles?${pool}`);
    expect(profiles.status).toBe(200);
    expect(await profiles.text()).toContain("rounds-sub-a");
    const workload = await fetch(`${inject("baseUrl")}/workloads/finewebedu_lm?round=${ROUND}&${pool}`);
    expect(workload.status).toBe(200);
    const html = await workload.text();
    expect(html).toContain("validation/ppl");
    expect(html).toContain("rounds-sub-b");
    const sub = await fetch(`${inject("baseUrl")}/rounds/${ROUND}/submissions/rounds-sub-a`);
    expect(sub.status).toBe(200);
    expect(await sub.text()).toContain("finewebedu_lm");
  });
});

describe("allowMixed: a pool across benchmark versions, scored on the shared workloads and flagged", () => {
  const OTHER = "algoperf-v0.6-external";
  let other: string;
  beforeAll(async () => {
    other = await withDb(
      async (c) =>
        (await c.query(`SELECT s.slug FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1 ORDER BY s.slug LIMIT 1`, [OTHER])).rows[0]
          .slug,
    );
  });

  test("refused without allowMixed (the message says how); with it the engine scores the 8 shared workloads, flagged in JSON and CSV", async () => {
    const pool = `rounds-sub-a,${OTHER}/${other}`;
    const refused = await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/scores?pool=${pool}`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toContain("allowMixed=1");

    const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/scores?pool=${pool}&allowMixed=1`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const shared = BASES.filter((w) => w !== "finewebedu_lm");
    expect(body.mixed).toMatchObject({ sharedWorkloads: shared, droppedWorkloads: ["finewebedu_lm"] });
    expect(body.mixed.rounds.map((r: { slug: string }) => r.slug).sort()).toEqual([OTHER, ROUND].sort());
    // Expected: the scoring engine on the stored per-workload medians of both, over the shared workloads only.
    const rows = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT s.slug, r.slug AS round, w.key, wr.reached, wr."timeSeconds" FROM "WorkloadResult" wr JOIN "Submission" s ON s.id = wr."submissionId" JOIN "Round" r ON r.id = s."roundId" JOIN "Workload" w ON w.id = wr."workloadId" WHERE (r.slug = $1 AND s.slug = 'rounds-sub-a') OR (r.slug = $2 AND s.slug = $3)`,
            [ROUND, OTHER, other],
          )
        ).rows,
    );
    const times = (name: string, round: string) =>
      Object.fromEntries(rows.filter((r) => r.slug === name && r.round === round).map((r) => [r.key, r.reached ? (r.timeSeconds ?? NaN) : Infinity]));
    const expected = scorePool(
      {
        baseWorkloads: shared,
        heldOutWorkloads: [],
        submissions: [
          { name: "rounds-sub-a", times: times("rounds-sub-a", ROUND) },
          { name: `${OTHER}/${other}`, times: times(other, OTHER) },
        ],
      },
      { tauMin: 1, tauMax: 4, points: 100, scale: "linear", integration: "trapezoid", reference: null },
    );
    expect(body.scores).toEqual(expected.scores);
    expect(body.workloads).toEqual(shared);

    const csv = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/speedups?pool=${pool}&allowMixed=1&resamples=10&format=csv`)).text();
    const [header, first] = csv.trim().split(/\r?\n/);
    expect(header).toContain("mixed_pool_rounds,shared_workloads,dropped_workloads");
    expect(first).toContain("finewebedu_lm");
  });

  test("the compare page across versions shows the flag and offers the other round's submissions", async () => {
    const html = await (await fetch(`${inject("baseUrl")}/compare?round=${ROUND}&a=rounds-sub-a&b=${OTHER}/${other}&allowMixed=1&resamples=10`)).text();
    expect(html).toContain("data-mixed-pool");
    expect(html).toContain("scored on the 8 shared workloads only");
    expect(html).toContain("mixed: scored on shared workloads");
    const json = await (await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/compare?a=rounds-sub-a&b=${OTHER}/${other}&allowMixed=1&resamples=10`)).json();
    expect(json.mixed.droppedWorkloads).toEqual(["finewebedu_lm"]);
    expect(json.workloads.map((w: { workload: string }) => w.workload)).not.toContain("finewebedu_lm");
  });
});

describe("refusals: clear CLI errors, nothing written", () => {
  test("a base workload without a target, an unknown workload, a malformed value, no budget for the version", async () => {
    const before = await tableCounts();
    const missing = await create(
      unique("missing"),
      targetsFile("missing.json", (f) => delete f.workloads.wmt),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('workloads.wmt: the base workload "wmt" has no target in the targets file');
    const unknown = await create(
      unique("unknown"),
      targetsFile("unknown.json", (f) => {
        f.base_workloads.push("moonshot_lm");
        f.workloads.moonshot_lm = { target_metric_name: "ppl", validation_target_value: 3 };
      }),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown workload "moonshot_lm"');
    const badFormat = await create(
      unique("format"),
      targetsFile("format.json", (f) => (f.workloads.ogbg = { target_metric_name: "mean_average_precision", validation_target_value: "high" })),
    );
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain("workloads.ogbg.validation_target_value");
    const noBudget = await runCli([
      "round",
      "create",
      unique("nobudget"),
      "--targets",
      targetsFile("t2.json"),
      "--ruleset",
      "self-tuning",
      "--budget-factor",
      "1.5",
      "--studies",
      "2",
      "--trials",
      "1",
    ]);
    expect(noBudget.code).toBe(1);
    expect(noBudget.stderr).toContain("--budget finewebedu_lm=<seconds>");
    expect(await tableCounts()).toEqual(before);
  });

  test("a changed target on a round with results needs a new round; a name change is fine", async () => {
    const before = await tableCounts();
    const changed = await runCli([
      "round",
      "update",
      ROUND,
      "--targets",
      targetsFile("changed.json", (f) => (f.workloads.ogbg = { target_metric_name: "mean_average_precision", validation_target_value: 0.3 })),
      "--budget",
      "finewebedu_lm=20000",
    ]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain("ogbg.target 0.28098 -> 0.3");
    expect(changed.stderr).toContain("needs a new round");
    const factor = await runCli(["round", "update", ROUND, "--budget-factor", "3"]);
    expect(factor.code).toBe(1);
    expect(factor.stderr).toContain("needs a new round");
    expect(await tableCounts()).toEqual(before);
    const target = await withDb(
      async (c) =>
        (await c.query(`SELECT w.target FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = $1 AND w.key = 'ogbg'`, [ROUND])).rows[0].target,
    );
    expect(target).toBe(0.28098);
    const renamed = await runCli(["round", "update", ROUND, "--name", "Next round"]);
    expect(renamed.code, renamed.stderr).toBe(0);
  });
});

describe("rounds over HTTP (admin token): same validation as the CLI, audited, refusals write nothing", () => {
  const HTTP_ROUND = `test-http-round-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  let admin: string;
  const targets = (edit?: Parameters<typeof targetsFile>[1]) => JSON.parse(readFileSync(targetsFile(`http-${Math.random()}.json`, edit), "utf8"));
  const body = (extra: Record<string, unknown> = {}) => ({
    slug: HTTP_ROUND,
    targets: targets(),
    ruleset: "self-tuning",
    budgetFactor: 1.5,
    studies: 2,
    trials: 1,
    hardware: "4x A100",
    budgets: { finewebedu_lm: 20000 },
    ...extra,
  });
  const patch = async (round: string, value: unknown, auth: string) => {
    const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${round}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
      body: JSON.stringify(value),
    });
    return { status: res.status, body: await res.json() };
  };
  const oneRun = (slug: string) => ({
    round: HTTP_ROUND,
    submissions: [{ slug }],
    runs: [{ submission: slug, workload: "ogbg", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 100 } }],
  });
  beforeAll(async () => {
    admin = await createToken(unique("round-admin"), "admin");
  });
  afterAll(() => dropRound(HTTP_ROUND));

  test("refusals: 400 naming the field, 403 for an upload token, nothing written but the audit entry", async () => {
    const before = await tableCounts();
    const missing = await post("/api/v1/rounds", body({ targets: targets((f) => delete f.workloads.wmt) }), { token: admin });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toContainEqual({ path: "targets.workloads.wmt", message: 'the base workload "wmt" has no target in the targets file' });
    const badValue = await post(
      "/api/v1/rounds",
      body({ targets: targets((f) => (f.workloads.ogbg = { target_metric_name: "mean_average_precision", validation_target_value: "high" })) }),
      { token: admin },
    );
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.issues[0].path).toBe("targets.workloads.ogbg.validation_target_value");
    const studies = await post("/api/v1/rounds", body({ studies: 0 }), { token: admin });
    expect(studies.status).toBe(400);
    expect(studies.body.error.issues).toContainEqual({ path: "studies", message: "studies: expected a positive integer" });
    const upload = await post("/api/v1/rounds", body(), { token });
    expect(upload.status).toBe(403);
    const after = await tableCounts();
    expect({ ...after, AuditLog: 0 }).toEqual({ ...before, AuditLog: 0 });
    expect(after.AuditLog).toBe(before.AuditLog! + 4);
  });

  test("POST creates the round (201, audited); a second POST is 409; uploads are refused outside the opensAt..closesAt window", async () => {
    const created = await post("/api/v1/rounds", body({ opensAt: "2099-01-01" }), { token: admin });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.workloads).toHaveLength(9);
    const audited = await withDb(
      async (c) =>
        (await c.query(`SELECT "tokenName", outcome FROM "AuditLog" WHERE action = 'admin.createRound' AND target = $1 ORDER BY id`, [HTTP_ROUND])).rows,
    );
    // The refusals of the test before (3 x 400, the upload token's 403), then the creation.
    expect(audited.map((a) => a.outcome)).toEqual(["BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST", "FORBIDDEN", "ok"]);
    expect(audited.at(-1)!.tokenName).toContain("round-admin");
    expect((await post("/api/v1/rounds", body(), { token: admin })).status).toBe(409);

    const early = await uploadRest(oneRun("early"), token);
    expect(early.status).toBe(403);
    expect(early.body.error.message).toContain("opens to uploads at 2099-01-01T00:00:00.000Z");
    const page = await (await fetch(`${inject("baseUrl")}/rounds/${HTTP_ROUND}`)).text();
    expect(page).toContain("not yet open: opens 2099-01-01");

    const opened = await patch(HTTP_ROUND, { opensAt: "2020-01-01", closesAt: "2099-06-01T12:00:00Z" }, admin);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect((await uploadRest(oneRun("in-time"), token)).status).toBe(201);
    const past = await patch(HTTP_ROUND, { closesAt: "2021-01-01" }, admin);
    expect(past.status).toBe(200);
    const late = await uploadRest(oneRun("late"), token);
    expect(late.status).toBe(403);
    expect(late.body.error.message).toContain("closed to uploads at 2021-01-01T00:00:00.000Z");
    // Admin tokens are exempt: an organiser corrects a closed round.
    expect((await uploadRest(oneRun("correction"), admin)).status).toBe(201);
  });

  test("PATCH that would change a score of a round with results is 409 (needs a new round); close over HTTP", async () => {
    const changed = await patch(HTTP_ROUND, { budgetFactor: 3 }, admin);
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toContain("needs a new round");
    expect((await patch("no-such-round", { name: "x" }, admin)).status).toBe(404);
    // The CLI with --url goes through the same procedures.
    const remote = ["--url", inject("baseUrl"), "--token", admin];
    const renamed = await runCli(["round", "update", HTTP_ROUND, "--name", "Renamed over HTTP", ...remote]);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect((await withDb(async (c) => (await c.query(`SELECT name FROM "Round" WHERE slug = $1`, [HTTP_ROUND])).rows[0])).name).toBe("Renamed over HTTP");
    // Counts left out: the same "required" problems as locally, each said once (not "studies: studies: ...", not again in the head).
    for (const where of [remote, []]) {
      const bare = await runCli(["round", "create", unique("bare"), "--targets", targetsFile("bare.json"), "--ruleset", "self-tuning", ...where]);
      expect(bare.code, bare.stderr).toBe(1);
      // The flag locally, the JSON field over HTTP.
      for (const name of ["studies", "trials", where.length > 0 ? "budgetFactor" : "--budget-factor"]) {
        const lines = bare.stderr.split("\n").filter((l) => l.includes(`${name}: required`));
        expect(lines, bare.stderr).toHaveLength(1);
        expect(lines[0]).not.toMatch(/(\w+): \1:/);
      }
    }
    const frozen = await runCli(["round", "update", HTTP_ROUND, "--trials", "5", ...remote]);
    expect(frozen.code).toBe(1);
    expect(frozen.stderr).toContain("HTTP 409");
    expect(frozen.stderr).toContain("trialsExpected 1 -> 5");
    const closed = await post(`/api/v1/rounds/${HTTP_ROUND}/close`, {}, { token: admin });
    expect(closed.status).toBe(200);
    expect((await withDb(async (c) => (await c.query(`SELECT published FROM "Round" WHERE slug = $1`, [HTTP_ROUND])).rows[0])).published).toBe(true);
  });
});

describe("round close", () => {
  test("closes the round to upload tokens (403), the page says so", async () => {
    const closed = await runCli(["round", "close", ROUND]);
    expect(closed.code, closed.stderr).toBe(0);
    const u = await runCli(["upload", makeSubmission("rounds-sub-late", 2), "--round", ROUND, "--token", token, "--json"], { ALGOPERF_URL: inject("baseUrl") });
    expect(u.code).not.toBe(0);
    expect(u.stderr).toContain("403");
    // Said once: the one issue repeats the message, so it is not printed again under it.
    expect(u.stderr.match(/closed to uploads at/g)).toHaveLength(1);
    expect(u.stderr).toContain("No run was stored.");
    const html = await (await fetch(`${inject("baseUrl")}/rounds/${ROUND}`)).text();
    expect(html).toContain("closed to upload tokens since");
  });
});
