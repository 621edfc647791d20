// The scores endpoint against the published numbers: the AlgoPerf leaderboards
// exactly (docs/scoring.md), the paper's tables within their rounding.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, inject, test } from "vitest";
import { cli as cliCommand } from "../support/cli";
import { readPublished } from "../support/published";

interface LeaderboardRound {
  benchmark_version: string;
  ruleset: string;
  official_code_scores_full_precision: Record<string, number>;
  published_scores: Record<string, number>;
}
interface PaperRow {
  display_name: string;
  score: number;
  appendix_e_row?: string;
}
interface Paper {
  appendix_e_all_methods: { rows: PaperRow[] };
  appendix_f_with_schedule_free: { rows: PaperRow[] };
}

const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/%/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

async function get(pathAndQuery: string) {
  const res = await fetch(`${inject("baseUrl")}${pathAndQuery}`);
  return { status: res.status, body: await res.json() };
}

describe("GET /api/v1/rounds/<round>/scores", () => {
  const leaderboards = readPublished<{ rounds: LeaderboardRound[] }>("algoperf_leaderboards.json");
  for (const round of leaderboards.rounds) {
    const slug = `algoperf-${round.benchmark_version}-${round.ruleset}`;
    test(`${slug}: every score equals the official code's to 1e-12 and the published table to 4 decimals`, async () => {
      const { status, body } = await get(`/api/v1/rounds/${slug}/scores`);
      expect(status).toBe(200);
      expect(body.settings.mode).toMatch(/trapezoid/);
      expect(Object.keys(body.scores).sort()).toEqual(Object.keys(round.official_code_scores_full_precision).sort());
      for (const [name, official] of Object.entries(round.official_code_scores_full_precision)) {
        expect(Math.abs(body.scores[name] - official), name).toBeLessThanOrEqual(1e-12);
        expect(Number(body.scores[name].toFixed(4)), name).toBe(round.published_scores[name]);
      }
    });
  }

  test("the paper's round: Appendix E in its 36-row pool and Appendix F with Schedule-Free, exact integration", async () => {
    const paper = readPublished<Paper>("paper_tables.json");
    const e = await get(`/api/v1/rounds/paper-2505.24005/scores?integration=exact`);
    expect(e.status).toBe(200);
    expect(e.body.settings.integration).toBe("exact");
    expect(Object.keys(e.body.scores)).toHaveLength(36);
    for (const row of paper.appendix_e_all_methods.rows)
      expect(Math.abs(e.body.scores[slugify(row.display_name)] - row.score), row.display_name).toBeLessThanOrEqual(0.001);

    const pool = [...Object.keys(e.body.scores), "schedule-free-adamw"].join(",");
    const f = await get(`/api/v1/rounds/paper-2505.24005/scores?integration=exact&pool=${pool}`);
    expect(f.status).toBe(200);
    for (const row of paper.appendix_f_with_schedule_free.rows) {
      const key = row.appendix_e_row ? slugify(row.appendix_e_row) : "schedule-free-adamw";
      expect(Math.abs(f.body.scores[key] - row.score), row.display_name).toBeLessThanOrEqual(0.001);
    }
    expect(e.body.scores["adamw-33-1"].toFixed(3)).toBe("0.498");
    expect(f.body.scores["adamw-33-1"].toFixed(3)).toBe("0.478");
  });

  test("the official grid is within 0.002 of the paper and says so in its settings", async () => {
    const paper = readPublished<Paper>("paper_tables.json");
    const { body } = await get(`/api/v1/rounds/paper-2505.24005/scores`);
    expect(body.settings).toMatchObject({ integration: "trapezoid", points: 100, tauMax: 4, scale: "linear" });
    for (const row of paper.appendix_e_all_methods.rows)
      expect(Math.abs(body.scores[slugify(row.display_name)] - row.score), row.display_name).toBeLessThanOrEqual(0.002);
  });

  test("the JSON equals what `npm run cli -- score` prints for the same round and settings", async () => {
    const round = readPublished<{ rounds: Array<{ benchmark_version: string }> }>("algoperf_leaderboards.json").rounds.find(
      (r) => r.benchmark_version === "v0.6",
    )!;
    const dir = mkdtempSync(path.join(os.tmpdir(), "algoperf-cli-"));
    const file = path.join(dir, "round.json");
    writeFileSync(file, JSON.stringify(round));
    const cli = spawnSync(...cliCommand("score", file, "--points", "50", "--scale", "log"), { encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(0);
    const printed = JSON.parse(cli.stdout);
    const { body } = await get(`/api/v1/rounds/algoperf-v0.6-external/scores?points=50&scale=log`);
    for (const key of ["settings", "workloads", "scores", "ranking", "targetsHit", "best", "tau", "profiles", "cells", "geometricMeanTime"] as const) {
      if (key === "geometricMeanTime") continue; // the CLI has no budgets for misses
      expect(body[key], key).toEqual(printed[key]);
    }
  });

  test("errors name the parameter and list what is valid", async () => {
    const unknownRound = await get(`/api/v1/rounds/nope/scores`);
    expect(unknownRound.status).toBe(404);
    expect(unknownRound.body.error.message).toMatch(/unknown round "nope".*algoperf-v0\.5-external/);

    const unknownSub = await get(`/api/v1/rounds/algoperf-v0.6-external/scores?pool=baseline,shampo`);
    expect(unknownSub.status).toBe(400);
    expect(unknownSub.body.error.message).toMatch(/"shampo".*shampoo/);

    const badTau = await get(`/api/v1/rounds/algoperf-v0.6-external/scores?tauMax=abc`);
    expect(badTau.status).toBe(400);
    expect(badTau.body.error.issues[0].path).toBe("tauMax");

    const badScale = await get(`/api/v1/rounds/algoperf-v0.6-external/scores?scale=cubic`);
    expect(badScale.status).toBe(400);
    expect(badScale.body.error.message).toMatch(/scale/);
  });

  test("a pool mixing time bases is refused with a clear error", async () => {
    const { status, body } = await get(`/api/v1/rounds/paper-2505.24005/scores?pool=adamw-33-1,algoperf-v0.5-self-tuning/schedule_free_adamw`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/different time bases/);
  });

  test("reference mode divides by the reference's times (docs/scoring.md §4.2)", async () => {
    const { status, body } = await get(`/api/v1/rounds/algoperf-v0.6-external/scores?reference=baseline`);
    expect(status).toBe(200);
    expect(body.settings.reference).toBe("baseline");
    for (const [w, cell] of Object.entries(body.cells.baseline as Record<string, { ratio: number | string; status: string }>)) {
      if (cell.status === "hit") expect(cell.ratio, w).toBe(1);
    }
  });
});

describe("a round filled by partial uploads", () => {
  test("a base workload nobody has data for is scored as no data (N unchanged) instead of refusing the pool", async () => {
    const { withDb } = await import("../support/db");
    const slug = `partial-${Date.now().toString(36)}`;
    await withDb(async (c) => {
      const round = (
        await c.query(
          `INSERT INTO "Round" (slug, name, "benchmarkVersion", ruleset, "timeBasis", "studiesExpected", "trialsExpected", "updatedAt") VALUES ($1, 'Partial', 'test', 'self_tuning', 'seconds', 1, 1, now()) RETURNING id`,
          [slug],
        )
      ).rows[0].id;
      const w = (
        await c.query(
          `INSERT INTO "Workload" ("roundId", key, position, "displayName", "metricName", direction, target, "budgetSeconds") VALUES ($1, 'a', 0, 'A', 'validation/loss', 'min', 1, 100), ($1, 'b', 1, 'B', 'validation/loss', 'min', 1, 100) RETURNING id`,
          [round],
        )
      ).rows;
      const s = (
        await c.query(
          `INSERT INTO "Submission" ("roundId", slug, "displayName", source, "updatedAt") VALUES ($1, 'only-a', 'Only A', 'uploaded', now()) RETURNING id`,
          [round],
        )
      ).rows[0].id;
      await c.query(
        `INSERT INTO "WorkloadResult" ("submissionId", "workloadId", "roundId", reached, "timeSeconds", "timeFraction", studies, "studiesHit", "perStudy", "updatedAt") VALUES ($1, $2, $3, true, 10, 0.1, 1, 1, '[]', now())`,
        [s, w[0].id, round],
      );
    });
    try {
      const { status, body } = await get(`/api/v1/rounds/${slug}/scores`);
      expect(status).toBe(200);
      expect(body.cells["only-a"].a.status).toBe("hit");
      expect(body.cells["only-a"].b.status).toBe("no_data");
      // One of two workloads at ratio 1: rho = 1/2 on the whole grid, score 0.5.
      expect(body.scores["only-a"]).toBeCloseTo(0.5, 12);
    } finally {
      await withDb((c) => c.query(`DELETE FROM "Round" WHERE slug = $1`, [slug]));
    }
  });
});

/** A GET with the given Accept-Encoding: status, headers and body bytes as sent (not decoded). */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("the cached JSON answers, gzipped once", () => {
  test.each(["scores", "leaderboard"])("/api/v1/rounds/<round>/%s: gzip when accepted (its length given, the same JSON), plain otherwise", async (view) => {
    const url = `${inject("baseUrl")}/api/v1/rounds/algoperf-v0.5-external/${view}`;
    const plain = await rawGet(url, "identity");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    // Twice: the second answer comes from the bytes kept with the cached view.
    for (let i = 0; i < 2; i++) {
      const zipped = await rawGet(url, "gzip, deflate, br");
      expect(zipped.status).toBe(200);
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(gunzipSync(zipped.body).toString("utf8")).toBe(plain.body.toString("utf8"));
    }
  });
});
