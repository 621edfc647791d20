// Backup and restore: export the whole dataset with the CLI, restore it into a
// fresh database, and get identical tables and identical scores; the backup
// holds what uploads add too (tokens, upload records, audit entries, eval
// series), so a restored server accepts the same tokens.
import { unpackValues } from "@/lib/db/eval-columns";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb } from "@/lib/db/create-db";
import { applyMigrations } from "@/lib/db/migrate";
import { stringifyScoring } from "@/lib/scoring";
import { scoreRound } from "@/lib/server/services/scores";
import { cli as cliCommand } from "../support/cli";
import { authenticate } from "@/lib/server/services/tokens";
import { createRound, createToken, dropRound, runCli, unique, uploadRest, workload } from "../support/ingest";

const dir = mkdtempSync(path.join(os.tmpdir(), "algoperf-dataset-"));
const file = path.join(dir, "backup.ndjson.gz");

function cli(args: string[], databaseUrl: string) {
  return spawnSync(...cliCommand(...args), { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl } });
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A digest of every row of every table, independent of physical order. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const tables = (
    await query<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`)
  ).map((r) => r.t);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const [row] = await query<{ n: string; digest: string | null }>(
      url,
      `SELECT count(*) AS n, md5(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text)) AS digest FROM "${t}" x`,
    );
    out[t] = `${row!.n}:${row!.digest}`;
  }
  return out;
}

async function allScores(url: string): Promise<string> {
  const db = createDb(url, { max: 2 });
  try {
    const rounds = await db.round.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
    const out: string[] = [];
    for (const r of rounds) {
      for (const integration of ["trapezoid", "exact"] as const) {
        const s = await scoreRound(db, r.slug, { integration });
        out.push(stringifyScoring({ scores: s.scores, ranking: s.ranking, cells: s.cells, profiles: s.profiles }));
      }
    }
    return out.join("\n");
  } finally {
    await db.$disconnect();
  }
}

describe("npm run cli -- export / restore", () => {
  const source = () => inject("databaseUrl");
  let target: string;
  const targetName = `algoperf_restore_${Date.now().toString(36)}`;

  const ROUND = unique("test-backup");
  const tokenName = unique("backup");
  let token: string;

  beforeAll(async () => {
    // Uploaded data, an admin action and a revoked token, before the export.
    await createRound({ slug: ROUND, workloads: [workload("w1"), workload("w2")] });
    token = await createToken(tokenName);
    const evals = (t: number) => ({ steps: [100, 200, 300], times: [t, 2 * t + 0.1, 3 * t + 0.30000000000000004], metrics: [0.9, 0.5, null] });
    const up = await uploadRest(
      {
        round: ROUND,
        submissions: [{ slug: "kept", hyperparameters: { lr: 0.001 } }],
        runs: ["w1", "w2"].map((w, i) => ({ submission: "kept", workload: w, study: 0, trial: 1, clientRunId: `r${i}`, evals: evals(10 + i) })),
      },
      token,
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(
      (await uploadRest({ round: ROUND, runs: [{ submission: "kept", workload: "w9", study: 0, trial: 1, timeToTarget: { reached: false } }] }, token)).status,
    ).toBe(400);
    const revoked = unique("backup-revoked");
    await createToken(revoked);
    expect((await runCli(["token", "revoke", revoked])).code).toBe(0);
    await query(source(), `CREATE DATABASE "${targetName}"`);
    const u = new URL(source());
    u.pathname = `/${targetName}`;
    target = u.toString();
    await applyMigrations(target);
  });
  afterAll(async () => {
    await query(source(), `DROP DATABASE IF EXISTS "${targetName}" WITH (FORCE)`);
    await dropRound(ROUND);
  });

  test("export, restore into a fresh database: identical rows and identical scores", async () => {
    const exported = cli(["export", file], source());
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/exported .* Run \d+/);
    const header = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8").split("\n")[0]!);
    expect(header.format).toBe("algoperf-leaderboard-dataset");
    expect(header.tables.Run).toBeGreaterThan(4000);

    const restored = cli(["restore", file], target);
    expect(restored.status, restored.stderr).toBe(0);
    expect(await fingerprint(target)).toEqual(await fingerprint(source()));
    expect(await allScores(target)).toBe(await allScores(source()));

    // Sequences were moved past the restored ids: new rows do not collide.
    const max = (await query<{ max: number }>(target, `SELECT max(id) AS max FROM "Round"`))[0]!.max;
    const id = (
      await query<{ id: number }>(
        target,
        `INSERT INTO "Round" (slug, name, "benchmarkVersion", ruleset, "timeBasis", "studiesExpected", "trialsExpected", "updatedAt") VALUES ('x', 'x', 'x', 'external_tuning', 'seconds', 1, 1, now()) RETURNING id`,
      )
    )[0]!.id;
    expect(id).toBeGreaterThan(max);
  });

  test("the backup holds the uploaded data: tokens (hash only, revocations), upload records, audit entries, eval series bit for bit", async () => {
    const uploaded = `SELECT x."clientRunId", e.steps, e.times, e.metrics FROM "Run" x JOIN "RunEvals" e ON e."runId" = x.id JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = '${ROUND}' ORDER BY 1`;
    const records = `SELECT u."tokenName", u.outcome, u.status, u."runsTotal", u.created FROM "Upload" u JOIN "Round" r ON r.id = u."roundId" WHERE r.slug = '${ROUND}' ORDER BY u.id`;
    const audit = `SELECT "tokenName", action, outcome, details::text FROM "AuditLog" WHERE "tokenName" = '${tokenName}' OR target = '${tokenName}' ORDER BY id`;
    const tokens = `SELECT name, prefix, hash, scope, "revokedAt" IS NOT NULL AS revoked FROM "ApiToken" ORDER BY name`;
    for (const sql of [uploaded, records, audit, tokens]) {
      const rows = await query(source(), sql);
      expect(rows.length, sql).toBeGreaterThan(0);
      expect(await query(target, sql), sql).toEqual(rows);
    }
    // Packed Float64 (lib/db/eval-columns.ts): the doubles come back bit for bit.
    expect(unpackValues((await query<{ times: Buffer }>(target, uploaded))[0]!.times)).toEqual([10, 20.1, 30.3]);
    expect((await query(target, records)).map((r) => r.outcome)).toEqual(["accepted", "rejected"]);
    expect((await query(target, audit)).map((r) => [r.action, r.outcome])).toEqual([
      ["token.create", "ok"],
      ["ingest.upload", "ok"],
      ["ingest.upload", "BAD_REQUEST"],
    ]);
    // The restored database knows the token (by its hash): a server on it accepts it.
    const db = createDb(target, { max: 1 });
    try {
      expect(await authenticate(db, `Bearer ${token}`)).toMatchObject({ name: tokenName, scope: "upload" });
    } finally {
      await db.$disconnect();
    }
  });

  test("a restore into a database that holds data is refused and changes nothing; --wipe replaces it", async () => {
    const before = await fingerprint(target);
    const refused = cli(["restore", file], target);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/is not empty: restore into an empty database, or pass --wipe/);
    expect(await fingerprint(target)).toEqual(before);

    const wiped = cli(["restore", file, "--wipe"], target);
    expect(wiped.status, wiped.stderr).toBe(0);
    expect(await fingerprint(target)).toEqual(await fingerprint(source()));
  });

  test("a truncated file is refused and the transaction leaves the database untouched", async () => {
    const lines = gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const truncated = path.join(dir, "truncated.ndjson");
    writeFileSync(truncated, lines.slice(0, -1).join("\n") + "\n");
    const before = await fingerprint(target);
    const run = cli(["restore", truncated, "--wipe"], target);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/is truncated: table/);
    expect(await fingerprint(target)).toEqual(before);
  });
});
