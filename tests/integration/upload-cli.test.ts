// The runner CLI end to end: directory order as Python's os.listdir sees it
// (and --trial-order name), retries through an unreliable network, a re-run
// after an interruption, JSON files, token management and import.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { tableCounts, withDb } from "../support/db";
import { createRound, createToken, dropRound, plus, runCli, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-upload-cli");
const FIXTURE = path.resolve("tests/fixtures/algoperf_v06_selftuning_logs/schedule_free_adamw_v2");
const tmp = mkdtempSync(path.join(os.tmpdir(), "algoperf-cli-"));
let token: string;

// The fixture's ogbg trial, with the times of every eval shifted by `shift` seconds.
function ogbgCsv(shift: number): string {
  const [header, ...rows] = readFileSync(path.join(FIXTURE, "study_0/ogbg_pytorch/trial_1/eval_measurements.csv"), "utf8").trim().split("\n");
  const cols = header!.split(",");
  const timeCols = ["score", "accumulated_submission_time"].map((c) => cols.indexOf(c));
  return (
    [
      header,
      ...rows.map((r) =>
        r
          .split(",")
          .map((v, i) => (timeCols.includes(i) ? String(Number(v) + shift) : v))
          .join(","),
      ),
    ].join("\n") + "\n"
  );
}

/** A submission folder with `trials` trial folders under study_0/ogbg_pytorch, identical but for their times. */
function makeSubmission(name: string, trials: number[]): string {
  const dir = path.join(tmp, name);
  for (const t of trials) {
    const trialDir = path.join(dir, "study_0", "ogbg_pytorch", `trial_${t}`);
    mkdirSync(trialDir, { recursive: true });
    writeFileSync(path.join(trialDir, "eval_measurements.csv"), ogbgCsv(t));
    writeFileSync(path.join(trialDir, "hparams.json"), JSON.stringify({ learning_rate: 0.001 * t }));
    writeFileSync(path.join(trialDir, "meta_data_0.json"), JSON.stringify({ gpu_model_name: "NVIDIA A100", gpu_count: 8, git_commit_hash: "abc123" }));
  }
  return dir;
}

const upload = (args: string[], env: Record<string, string> = {}) =>
  runCli(["upload", ...args, "--round", ROUND, "--token", token], { ALGOPERF_URL: inject("baseUrl"), ...env });

beforeAll(async () => {
  // ogbg with a target the fixture's trial reaches (mAP 0.25 at its 13th eval), 12 trials per study like external tuning.
  await createRound({
    slug: ROUND,
    ruleset: "external_tuning",
    studiesExpected: 1,
    trialsExpected: 12,
    workloads: [
      workload("ogbg", { metricName: "validation/mean_average_precision", direction: "max", target: 0.25, budgetSeconds: 12011 }),
      workload("wmt", { metricName: "validation/bleu", direction: "max", target: 30.8491, budgetSeconds: 43336 }),
    ],
  });
  token = await createToken(unique("cli-runner"));
});

afterAll(() => dropRound(ROUND));

describe("trial order", () => {
  test("positions follow the folder order Python's os.listdir returns, and the tie goes to the first listed trial", async () => {
    const trials = Array.from({ length: 12 }, (_, i) => i + 1);
    const dir = makeSubmission("listdir-order", trials);
    const studyDir = path.join(dir, "study_0", "ogbg_pytorch");
    const listdir: string[] = JSON.parse(
      execFileSync("python3", ["-c", "import json, os, sys; print(json.dumps(os.listdir(sys.argv[1])))", studyDir], { encoding: "utf8" }),
    );
    const r = await upload([dir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.trialOrder).toBe("directory");
    expect(result.counts.created).toBe(12);
    const positions = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT x.trial, x.position, x.hardware, x."codeCommit", x.hyperparameters, x.framework FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" WHERE s.slug = 'listdir-order'`,
          )
        ).rows,
    );
    for (const p of positions) {
      expect(p.position, `trial_${p.trial}`).toBe(listdir.indexOf(`trial_${p.trial}`));
      expect(p).toMatchObject({ hardware: "8x NVIDIA A100", codeCommit: "abc123", hyperparameters: { learning_rate: 0.001 * p.trial }, framework: "pytorch" });
    }
    // Every trial hits at the same eval index, so docs/scoring.md §2.2 picks the first one listed.
    const best = await withDb(
      async (c) =>
        (await c.query(`SELECT wr."perStudy" FROM "WorkloadResult" wr JOIN "Submission" s ON s.id = wr."submissionId" WHERE s.slug = 'listdir-order'`)).rows[0]
          .perStudy[0],
    );
    expect(best.trial).toBe(Number(listdir[0]!.replace("trial_", "")));
  });

  test("--trial-order name lists trials by number and says so", async () => {
    const dir = makeSubmission("name-order", [10, 2, 1]);
    const r = await upload([dir, "--trial-order", "name"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Trial order: by trial number (--trial-order name)");
    const rows = await withDb(
      async (c) =>
        (
          await c.query(
            `SELECT x.trial, x.position FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" WHERE s.slug = 'name-order' ORDER BY x.position`,
          )
        ).rows,
    );
    expect(rows.map((x) => x.trial)).toEqual([1, 2, 10]);
  });

  test("a folder name that cannot be a slug is refused before anything is sent, naming --submission", async () => {
    const dir = makeSubmission("My Optimizer v2", [1]);
    const before = await tableCounts();
    const r = await upload([dir]);
    expect(r.code).toBe(1);
    // One problem, said once, with the way out: not one server issue per run.
    expect(r.stderr).toContain(
      `${dir}: "My Optimizer v2" cannot be a submission's slug (letters, digits, '.', '_' and '-' only, starting with a letter or digit)`,
    );
    expect(r.stderr).toContain("pass --submission <slug>");
    expect(r.stderr).not.toContain("HTTP 400");
    expect(await tableCounts()).toEqual(before);
    const renamed = await upload([dir, "--submission", "my-optimizer-v2"]);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain("Submission my-optimizer-v2 (new): 1 run sent: 1 created;");
    // An invalid --submission is named as the option.
    const bad = await upload([dir, "--submission", "my optimizer"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`--submission "my optimizer" cannot be a submission's slug`);
  });

  test("a trial that a merged sibling folder has too is refused before anything is sent (docs/log-reader.md R3)", async () => {
    const dir = makeSubmission("twice", [1]);
    makeSubmission("twice-2024-09-01-10-00-00", [1]);
    const before = await tableCounts();
    const r = await upload([dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("are both twice/ogbg/study_0/trial_1");
    expect(r.stderr).toContain("rename one trial folder");
    expect(r.stderr).not.toContain("HTTP");
    expect(await tableCounts()).toEqual(before);
  });

  test("a refused upload says each reason once, with the runs it applies to, and how to go on", async () => {
    const dir = makeSubmission("conflicting", [1, 2, 3]);
    expect((await upload([dir])).code).toBe(0);
    for (const t of [1, 2, 3]) {
      writeFileSync(
        path.join(dir, "study_0", "ogbg_pytorch", `trial_${t}`, "meta_data_0.json"),
        JSON.stringify({ gpu_model_name: "NVIDIA H100", gpu_count: 8, git_commit_hash: "abc123" }),
      );
    }
    const r = await upload([dir]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    // The server's message without the issues it quotes (they follow, once each).
    expect(lines[0]).toBe("error: HTTP 409: upload conflicts with stored data: 3 problems");
    // The three runs differ the same way: one line, naming them.
    const reasons = lines.filter((l) => l.includes("differs from the stored run"));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('hardware "8x NVIDIA A100" stored, "8x NVIDIA H100" sent');
    // In the order the runs were sent (directory order).
    expect(reasons[0]).toMatch(/\(3 runs: conflicting\/ogbg\/study_0\/trial_\d, conflicting\/ogbg\/study_0\/trial_\d, conflicting\/ogbg\/study_0\/trial_\d\)$/);
    expect(r.stderr).toContain("run the same command with --replace");
    expect(r.stderr).toContain("No run was stored.");
    const replaced = await upload([dir, "--replace"]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain("Submission conflicting: 3 runs sent: 3 replaced;");
  });

  test("--submission names a single submission folder; metadata flags go with it", async () => {
    const dir = makeSubmission("folder-name", [1]);
    const r = await upload([dir, "--submission", "renamed", "--display-name", "Renamed optimizer", "--family", "schedule-free", "--horizon", "0.5"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Submission renamed (new): 1 run sent: 1 created;");
    const sub = await withDb(async (c) => (await c.query(`SELECT "displayName", family, horizon, source FROM "Submission" WHERE slug = 'renamed'`)).rows[0]);
    expect(sub).toEqual({ displayName: "Renamed optimizer", family: "schedule-free", horizon: 0.5, source: "uploaded" });
    // Disagreeing metadata later is refused, with the field named.
    const again = await upload([dir, "--submission", "renamed", "--display-name", "Other name"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("HTTP 409");
    expect(again.stderr).toContain('submissions.0.displayName: "Other name" differs from the stored "Renamed optimizer"');
  });

  test("folders that are not trials are skipped and listed; an unknown workload stops the upload before sending", async () => {
    const dir = makeSubmission("with-junk", [1]);
    mkdirSync(path.join(dir, "study_0", "ogbg_pytorch", "trial_2"));
    mkdirSync(path.join(dir, "study_0", "ogbg_pytorch", "notes"));
    const r = await upload([dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Warning: skipped 2 folder(s) that the official scorer also skips or merges (docs/log-reader.md):");
    expect(r.stdout).toMatch(/trial_2: no eval_measurements\.csv/);
    expect(r.stdout).toMatch(/notes: not a trial_<j> folder/);

    cpSync(path.join(FIXTURE, "study_0", "fastmri_pytorch"), path.join(dir, "study_0", "fastmri_pytorch"), { recursive: true });
    const before = await tableCounts();
    const bad = await upload([dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`round "${ROUND}" has no workload "fastmri"`);
    expect(bad.stderr).toContain("workloads: ogbg, wmt");
    expect(await tableCounts()).toEqual(before);
  });
});

/** An HTTP proxy in front of the app whose behaviour per POST is chosen by the test. */
async function proxy(
  decide: (n: number) => "forward" | "fail" | "lose-response" | "400" | "drop",
): Promise<{ url: string; posts: () => number; close: () => Promise<void> }> {
  let posts = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const action = req.method === "POST" ? decide(++posts) : "forward";
    if (action === "drop") return req.socket.destroy();
    if (action === "fail") return void res.writeHead(503, { "content-type": "text/plain" }).end("service unavailable");
    if (action === "400") return void res.writeHead(400, { "content-type": "text/plain" }).end("bad request");
    const upstream = await fetch(`${inject("baseUrl")}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const text = await upstream.text();
    if (action === "lose-response") return void res.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts: () => posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("an unreliable network", () => {
  test("network errors and 5xx are retried with backoff; a response lost after the write is harmless", async () => {
    const dir = makeSubmission("flaky", [1, 2, 3, 4, 5, 6]);
    // POST 1 fails, POST 2 is written but its answer lost, POST 3 is dropped, the rest go through.
    const p = await proxy((n) => (n === 1 ? "fail" : n === 2 ? "lose-response" : n === 3 ? "drop" : "forward"));
    try {
      // One request at a time, so the proxy's n-th POST is the n-th attempt.
      const r = await upload([dir, "--batch-size", "2", "--concurrency", "1", "--json"], { ALGOPERF_URL: p.url });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/request failed \(HTTP 503\); retry 1 of 5/);
      expect(r.stderr).toMatch(/request failed \(HTTP 502\); retry 2 of 5/);
      expect(r.stderr).toMatch(/request failed \(no answer: .*\); retry 3 of 5/);
      const result = JSON.parse(r.stdout);
      // The batch whose answer was lost was stored the first time: the retry finds it unchanged.
      expect(result.counts).toEqual({ runs: 6, created: 4, unchanged: 2, replaced: 0 });
      expect(p.posts()).toBe(6);
    } finally {
      await p.close();
    }
  });

  test("a 4xx answer is not retried", async () => {
    const dir = makeSubmission("no-retry", [1]);
    const p = await proxy(() => "400");
    try {
      const r = await upload([dir], { ALGOPERF_URL: p.url });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("HTTP 400");
      expect(p.posts()).toBe(1);
    } finally {
      await p.close();
    }
  });

  test("after an interruption the same command finishes the job: stored runs come back unchanged", async () => {
    const dir = makeSubmission("interrupted", [1, 2, 3, 4, 5]);
    const p = await proxy((n) => (n <= 2 ? "forward" : "drop"));
    try {
      const r = await upload([dir, "--batch-size", "2", "--concurrency", "1", "--retries", "0"], { ALGOPERF_URL: p.url });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("4 of 5 runs were stored before this error (2 requests)");
      expect(r.stderr).toContain("run the same command again");
    } finally {
      await p.close();
    }
    const again = await upload([dir, "--batch-size", "2"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Uploaded 5 runs to");
    expect(again.stdout).toContain("1 created, 4 unchanged, 0 replaced");
    // The submission's line says the same of its runs; its row was stored by the first call.
    expect(again.stdout).toContain("Submission interrupted: 5 runs sent: 1 created, 4 unchanged;");
  });
});

describe("JSON files", () => {
  test("a file in the upload format is validated locally and sent as it is", async () => {
    const file = path.join(tmp, "runs.json");
    writeFileSync(
      file,
      JSON.stringify({
        round: ROUND,
        submissions: [{ slug: "from-json" }],
        runs: [{ submission: "from-json", workload: "wmt", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 1234.5, firstHitIndex: 4 } }],
      }),
    );
    const r = await runCli(["upload", file, "--url", inject("baseUrl"), "--token", token]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Uploaded 1 runs to ${ROUND} in 1 request: 1 created`);
    expect(r.stdout).not.toContain("Trial order");

    const bad = path.join(tmp, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ round: ROUND, runs: [{ submission: "from-json", workload: "wmt", study: -1, trial: 1, timeToTarget: { reached: true, seconds: 1 } }] }),
    );
    const before = await tableCounts();
    const rb = await runCli(["upload", bad, "--url", inject("baseUrl"), "--token", token]);
    expect(rb.code).toBe(1);
    expect(rb.stderr).toContain("runs.0.study: study must be >= 0");
    expect(await tableCounts()).toEqual(before);
  });
});

describe("tokens and import", () => {
  test("token create prints the token alone on the last line; only its hash is stored; list never shows it; revoke makes it fail", async () => {
    const name = unique("cli-token");
    const created = await runCli(["token", "create", name, "--scope", "admin"]);
    expect(created.code, created.stderr).toBe(0);
    const lines = created.stdout.trimEnd().split("\n");
    const secret = lines[lines.length - 1]!;
    expect(secret).toMatch(/^apl_[A-Za-z0-9_-]{43}$/);
    expect(lines.slice(0, -1).join("\n")).not.toContain(secret);
    const row = await withDb(async (c) => (await c.query(`SELECT hash, prefix, scope FROM "ApiToken" WHERE name = $1`, [name])).rows[0]);
    expect(row.scope).toBe("admin");
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.hash).not.toContain(secret);
    expect(secret.startsWith(row.prefix)).toBe(true);
    const everything = await withDb(
      async (c) =>
        JSON.stringify((await c.query(`SELECT * FROM "ApiToken"`)).rows) +
        JSON.stringify((await c.query(`SELECT * FROM "AuditLog"`)).rows) +
        JSON.stringify((await c.query(`SELECT * FROM "Upload"`)).rows),
    );
    expect(everything).not.toContain(secret);

    const list = await runCli(["token", "list"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(name);
    expect(list.stdout).not.toContain(secret);

    const duplicate = await runCli(["token", "create", name]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain(`a token named "${name}" already exists`);

    const ok = await uploadRest(
      {
        round: ROUND,
        submissions: [{ slug: "tok-test" }],
        runs: [{ submission: "tok-test", workload: "wmt", study: 0, trial: 1, timeToTarget: { reached: false } }],
      },
      secret,
    );
    expect(ok.status).toBe(201);
    const revoke = await runCli(["token", "revoke", name]);
    expect(revoke.code, revoke.stderr).toBe(0);
    const json = JSON.parse((await runCli(["token", "list", "--json"])).stdout) as { name: string; revokedAt: string | null; uploads: number }[];
    expect(json.find((t) => t.name === name)).toMatchObject({ uploads: 1, revokedAt: expect.any(String) });
    const refused = await uploadRest(
      { round: ROUND, runs: [{ submission: "tok-test", workload: "wmt", study: 0, trial: 1, timeToTarget: { reached: false } }] },
      secret,
    );
    expect(refused.status).toBe(401);
    const audit = await withDb(
      async (c) => (await c.query(`SELECT action, target, outcome FROM "AuditLog" WHERE target = $1 AND action LIKE 'token.%' ORDER BY id`, [name])).rows,
    );
    expect(audit).toEqual([
      { action: "token.create", target: name, outcome: "ok" },
      { action: "token.revoke", target: name, outcome: "ok" },
    ]);
  });

  test("import loads the published data through the seed code and adds nothing the second time", async () => {
    const before = await tableCounts();
    const r = await runCli(["import"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("published data is already loaded and unchanged");
    expect(await tableCounts()).toEqual(plus(before, {}));
  });
});
