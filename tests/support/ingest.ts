// Helpers for the upload tests: the CLI as a child process (tokens are made
// the way an operator makes them), HTTP calls, and throw-away rounds so that
// writes never change the seeded rounds other tests read.
import { spawn } from "node:child_process";
import { inject } from "vitest";
import { createDb } from "@/lib/db/create-db";
import { loadRound } from "@/lib/ingest/load-round";
import type { RoundSeed, WorkloadSeed } from "@/lib/ingest/round-seed";
import { cli } from "./cli";
import { withDb } from "./db";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- <args>` against the test database (DATABASE_URL = the stack's). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(...cli(...args), {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), ALGOPERF_URL: "", ALGOPERF_TOKEN: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A new token through `npm run cli -- token create` (its last output line). */
export async function createToken(name: string, scope: "upload" | "admin" = "upload"): Promise<string> {
  const r = await runCli(["token", "create", name, "--scope", scope]);
  if (r.code !== 0) throw new Error(`token create failed: ${r.stderr}`);
  const lines = r.stdout.trimEnd().split("\n");
  return lines[lines.length - 1]!;
}

/** A name no earlier test run used (token names are never reused). */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

/** POST a JSON value (or a raw string) to the app. */
export async function post(
  pathname: string,
  body: unknown,
  options: { token?: string | null; headers?: Record<string, string>; raw?: boolean } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${inject("baseUrl")}${pathname}`, { method: "POST", headers, body: options.raw ? (body as string) : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

/** ingest.upload through the REST alias: { status, body } with body = result or { error }. */
export const uploadRest = (body: unknown, token: string | null, raw = false) => post("/api/v1/runs", body, { token, raw });

/** ingest.upload through tRPC: the result unwrapped from { result: { data } }. */
export async function uploadTrpc(body: unknown, token: string | null, raw = false): Promise<HttpResult> {
  const r = await post("/api/trpc/ingest.upload", body, { token, raw });
  return { ...r, body: r.body?.result?.data ?? r.body };
}

export function workload(key: string, overrides: Partial<WorkloadSeed> = {}): WorkloadSeed {
  return {
    key,
    position: 0,
    role: "base",
    baseKey: null,
    displayName: key,
    task: null,
    dataset: null,
    model: null,
    loss: null,
    metricName: "validation/loss",
    metricLabel: null,
    direction: "min",
    target: 0.5,
    testTarget: null,
    budgetSeconds: 1000,
    budgetSteps: null,
    batchSize: null,
    notes: null,
    ...overrides,
  };
}

/** Creates (or recreates) a round of the test's own; drop it with dropRound. */
export async function createRound(seed: Partial<RoundSeed> & { slug: string; workloads: WorkloadSeed[] }): Promise<void> {
  await dropRound(seed.slug);
  const db = createDb(inject("databaseUrl"), { max: 1 });
  try {
    await loadRound(db, {
      name: seed.slug,
      benchmarkVersion: "test",
      ruleset: "self_tuning",
      timeBasis: "seconds",
      description: "created by an upload test",
      source: "tests",
      position: 1000,
      budgetFactor: 1,
      studiesExpected: 3,
      trialsExpected: 1,
      submissions: [],
      ...seed,
      workloads: seed.workloads.map((w, position) => ({ ...w, position })),
    });
  } finally {
    await db.$disconnect();
  }
}

export async function dropRound(slug: string): Promise<void> {
  await withDb((c) => c.query(`DELETE FROM "Round" WHERE slug = $1`, [slug]));
}

export async function dataVersion(slug: string): Promise<number> {
  return withDb(async (c) => Number((await c.query(`SELECT "dataVersion" FROM "Round" WHERE slug = $1`, [slug])).rows[0].dataVersion));
}

/** `before` with some counts increased, e.g. plus(before, { Upload: 1, AuditLog: 1 }). */
export function plus(before: Record<string, number>, delta: Record<string, number>): Record<string, number> {
  const out = { ...before };
  for (const [k, d] of Object.entries(delta)) out[k] = (out[k] ?? 0) + d;
  return out;
}
