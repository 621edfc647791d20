// README "Uploading results" and docs/uploading.md work as written: the
// runs.json, curl commands and Python example they show run unchanged against
// the app, and the answer and error they show are what the server sends.
// Also: the published JSON Schema is the one generated from the shared zod schema.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { PAYLOAD } from "@/app/upload/examples";
import { uploadJsonSchema } from "@/lib/ingest/upload-schema";
import { tableCounts } from "../support/db";
import { createToken, plus, runCli, unique, uploadRest } from "../support/ingest";

/** The documents whose examples run here; an example shown in both must be the same in both. */
const DOCS = ["README.md", "docs/uploading.md"].map((file) => ({ file, text: readFileSync(path.resolve(file), "utf8") }));
const FIXTURE = path.resolve("tests/fixtures/algoperf_v06_selftuning_logs/schedule_free_adamw_v2");

/** The fenced code block right after `<!-- example: name -->` (README.md or docs/uploading.md; the same block wherever it appears). */
function example(name: string): string {
  const marker = `<!-- example: ${name} -->`;
  const blocks: string[] = [];
  for (const { file, text } of DOCS) {
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
      const match = /```[a-z]*\n([\s\S]*?)\n```/.exec(text.slice(at + marker.length));
      if (!match) throw new Error(`${file}: no code block after ${marker}`);
      blocks.push(match[1]!);
    }
  }
  if (blocks.length === 0) throw new Error(`no ${marker} in ${DOCS.map((d) => d.file).join(" or ")}`);
  if (blocks.some((b) => b !== blocks[0])) throw new Error(`${marker} differs between its copies`);
  return blocks[0]!;
}

const hasRequests = spawnSync("python3", ["-c", "import requests"]).status === 0;
const cwd = mkdtempSync(path.join(os.tmpdir(), "algoperf-readme-"));
let token: string;
let admin: string;

function sh(script: string) {
  return spawnSync("bash", ["-c", script], { cwd, encoding: "utf8", env: { ...process.env, ALGOPERF_URL: inject("baseUrl"), ALGOPERF_TOKEN: token } });
}

beforeAll(async () => {
  [token, admin] = await Promise.all([createToken(unique("readme-runner")), createToken(unique("readme-admin"), "admin")]);
  writeFileSync(path.join(cwd, "runs.json"), example("runs.json"));
  for (const study of [1, 2]) {
    const dir = path.join(cwd, "logs", "my-optimizer", `study_${study}`, "ogbg_pytorch", "trial_1");
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(FIXTURE, `study_${study}`, "ogbg_pytorch", "trial_1", "eval_measurements.csv"), path.join(dir, "eval_measurements.csv"));
  }
});

afterAll(async () => {
  // The examples upload into a seeded round: leave it as it was.
  for (const slug of ["my-optimizer", "my-adamw"]) {
    const r = await runCli(["submission", "delete", "algoperf-v0.6-self-tuning", slug, "--yes", "--url", inject("baseUrl"), "--token", admin]);
    expect(r.code, r.stderr).toBe(0);
  }
});

describe("README and docs/uploading.md: the upload examples", () => {
  test("the curl command uploads runs.json and answers what the README shows", () => {
    const r = sh(example("curl"));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    const shown = JSON.parse(example("answer"));
    const ids = (a: { uploadId: number; dataVersion: number; runs: { id: number }[] }) => ({
      ...a,
      uploadId: 0,
      dataVersion: 0,
      runs: a.runs.map((x) => ({ ...x, id: 0 })),
    });
    expect(ids(answer)).toEqual(ids(shown));
  });

  test("the tRPC curl command takes the same body: everything is unchanged now", () => {
    const r = sh(example("curl-trpc"));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.result.data.counts).toEqual({ runs: 3, created: 0, unchanged: 3, replaced: 0 });
  });

  test.skipIf(!hasRequests)("the Python requests example uploads an AlgoPerf trial's eval series", () => {
    writeFileSync(path.join(cwd, "example.py"), example("python"));
    const first = execFileSync("python3", ["example.py"], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ALGOPERF_URL: inject("baseUrl"), ALGOPERF_TOKEN: token },
    });
    expect(first.trim()).toBe("{'runs': 1, 'created': 1, 'unchanged': 0, 'replaced': 0}");
    const again = execFileSync("python3", ["example.py"], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ALGOPERF_URL: inject("baseUrl"), ALGOPERF_TOKEN: token },
    });
    expect(again.trim()).toBe("{'runs': 1, 'created': 0, 'unchanged': 1, 'replaced': 0}");
  });

  test("the same example with urllib only (tests/fixtures/readme_upload_urllib.py)", () => {
    const script = path.resolve("tests/fixtures/readme_upload_urllib.py");
    // The README example's code, line for line where the two libraries agree.
    for (const line of [
      'value = float(row[metric] or "nan")',
      'times.append(float(row["score"]))',
      '"submissions": [{"slug": "my-optimizer", "displayName": "My optimizer"}],',
    ]) {
      expect(example("python")).toContain(line);
      expect(readFileSync(script, "utf8")).toContain(line);
    }
    const run = () =>
      execFileSync("python3", [script, "2"], { cwd, encoding: "utf8", env: { ...process.env, ALGOPERF_URL: inject("baseUrl"), ALGOPERF_TOKEN: token } });
    expect(run().trim()).toBe("{'runs': 1, 'created': 1, 'unchanged': 0, 'replaced': 0}");
    expect(run().trim()).toBe("{'runs': 1, 'created': 0, 'unchanged': 1, 'replaced': 0}");
  });

  test("the error the README shows is the one the server sends", async () => {
    const run = (workload: string, study: number, timeToTarget: Record<string, unknown>) => ({
      submission: "my-optimizer",
      workload,
      study,
      trial: 1,
      timeToTarget,
    });
    const runs = Array.from({ length: 8 }, (_, i) => run("criteo1tb", i, { reached: false }));
    runs[3] = run("criteo1tb", 3, { reached: true, steps: 1200 });
    runs[7] = run("imagenet", 7, { reached: false });
    const before = await tableCounts();
    const res = await uploadRest({ round: "algoperf-v0.6-self-tuning", runs }, token);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(JSON.parse(example("error")));
    expect(await tableCounts()).toEqual(plus(before, { Upload: 1, AuditLog: 1 }));
  });

  test("the payload the /upload guide shows (app/upload/examples.ts) is accepted as it is", async () => {
    const res = await uploadRest(PAYLOAD, token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // ogbg's v0.6 target 0.28098 (docs/scoring.md §6) is first met by 0.2841, the fifth eval.
    expect(res.body.runs[0]).toMatchObject({ status: "created", reached: true, firstHitIndex: 4, timeSeconds: 11645.9, steps: 12000 });
  });

  test("GET /api/v1/schema/upload.json is the JSON Schema of the shared zod schema", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/v1/schema/upload.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/schema+json");
    const schema = await res.json();
    expect(schema).toEqual(uploadJsonSchema());
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.properties.runs.maxItems).toBe(10_000);
    expect(schema.required).toEqual(["round", "runs"]);
    // The README's example is valid against it as far as required fields go.
    const example_ = JSON.parse(example("runs.json"));
    for (const key of schema.required) expect(example_).toHaveProperty(key);
  });

  test("GET ingest.round tells an uploader the workloads, metrics and budgets", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/trpc/ingest.round?input=${encodeURIComponent(JSON.stringify({ round: "algoperf-v0.6-self-tuning" }))}`);
    expect(res.status).toBe(200);
    const round = (await res.json()).result.data;
    expect(round).toMatchObject({ slug: "algoperf-v0.6-self-tuning", timeBasis: "seconds", budgetFactor: 1.5, studiesExpected: 3, trialsExpected: 1 });
    expect(round.workloads.find((w: { key: string }) => w.key === "ogbg")).toMatchObject({
      metricName: "validation/mean_average_precision",
      direction: "max",
      target: 0.28098,
      budgetSeconds: 12011,
    });
  });
});
