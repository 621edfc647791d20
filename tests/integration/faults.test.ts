// PostgreSQL stops while the app runs: reads answer from cache (marked stale)
// or with 503 + Retry-After, the leaderboard page shows its cached results
// with a notice, nothing crashes, and everything recovers when the database is
// back. An upload interrupted by the stop gets 503, leaves nothing behind, and
// its retry stores the batch exactly once. A database that hangs (SIGSTOP)
// makes requests fail fast: /api/health answers 503 within 2 s, reads 503 after
// the client-side timeouts, and all recovers after SIGCONT. Uses its own
// databases and app instances.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDb } from "@/lib/db/create-db";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createToken } from "@/lib/server/services/tokens";
import { seedPublishedData } from "@/scripts/seed";
import { freePort, startApp, type App } from "../support/stack";

describe("the database stops and comes back", () => {
  let dir: string;
  let port: number;
  let server: EmbeddedPostgres;
  let app: App;
  let token: string;
  const start = () => startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, database: "algoperf" });
  const get = async (p: string) => {
    const res = await fetch(`${app.baseUrl}${p}`);
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "algoperf-faults-"));
    port = await freePort();
    server = await start();
    await applyMigrations(server.url);
    const db = createDb(server.url, { max: 1 });
    await seedPublishedData(db);
    token = (await createToken(db, { name: "faults", scope: "upload" })).token;
    await db.$disconnect();
    app = await startApp(server.url);
  });
  afterAll(async () => {
    await app?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("reads fall back to cache or 503 with Retry-After while it is down, and recover after", async () => {
    const cachedPath = "/api/v1/rounds/algoperf-v0.6-external/scores?points=20";
    const warm = await get(cachedPath);
    expect(warm.status).toBe(200);
    expect(JSON.parse(warm.body).stale).toBeUndefined();
    const pages = ["/", "/rounds/algoperf-v0.6-external"];
    const warmPages = await Promise.all(pages.map(get));
    for (const p of warmPages) {
      expect(p.status).toBe(200);
      expect(p.body).not.toContain("data-outage");
    }

    await server.stop();

    const health = await get("/api/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body).database).toMatchObject({ status: "down" });
    expect(JSON.parse(health.body).database.error).toMatch(/ECONNREFUSED|Can't reach database server/);

    const stale = await get(cachedPath);
    expect(stale.status).toBe(200);
    const staleBody = JSON.parse(stale.body);
    expect(staleBody.stale).toBe(true);
    expect(staleBody.scores).toEqual(JSON.parse(warm.body).scores);

    const uncached = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=21");
    expect(uncached.status).toBe(503);
    expect(uncached.headers.get("retry-after")).toBe("5");
    expect(JSON.parse(uncached.body).error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/database is unavailable; retry/) });

    // The leaderboard pages: the last rendering's results with a notice saying so, or a clear 503 message; never a crash.
    for (const [i, p] of pages.entries()) {
      const page = await get(p);
      expect(page.status).toBe(200);
      expect(page.body).toContain('data-outage="stale"');
      expect(page.body).toContain("Database unavailable, showing cached results");
      expect(submissionRows(page.body)).toEqual(submissionRows(warmPages[i]!.body));
      expect(submissionRows(page.body).length).toBeGreaterThan(0);
    }
    const uncachedPage = await get("/rounds/algoperf-v0.6-external?tauMax=3");
    expect(uncachedPage.status).toBe(200);
    expect(uncachedPage.body).toContain('data-outage="unavailable"');
    expect(uncachedPage.body).toContain("Service unavailable (503): the database cannot be reached");
    expect(submissionRows(uncachedPage.body)).toEqual([]);

    server = await start();
    const back = await get("/rounds/algoperf-v0.6-external");
    expect(back.body).not.toContain("data-outage");
    expect(submissionRows(back.body)).toEqual(submissionRows(warmPages[1]!.body));
    const recovered = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=21");
    expect(recovered.status).toBe(200);
    expect(JSON.parse(recovered.body).stale).toBeUndefined();
    expect((await get("/api/health")).status).toBe(200);
  });

  test("an upload interrupted by the database stopping → 503 with Retry-After, nothing stored; the retry stores the batch exactly once", async () => {
    const ROUND = "algoperf-v0.6-self-tuning";
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const workloads = (
      await admin.query(`SELECT w.key FROM "Workload" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = $1 AND w.role = 'base' ORDER BY w.position`, [
        ROUND,
      ])
    ).rows.map((r) => r.key as string);
    await admin.end();
    // 2 submissions × 8 workloads × 5 studies × 10 trials = 800 runs, each with a 60-point eval series.
    const runs = ["fault-a", "fault-b"].flatMap((submission) =>
      workloads.flatMap((workload) =>
        Array.from({ length: 50 }, (_, i) => ({
          submission,
          workload,
          study: Math.floor(i / 10),
          trial: (i % 10) + 1,
          evals: {
            steps: Array.from({ length: 60 }, (_, k) => 100 * k),
            times: Array.from({ length: 60 }, (_, k) => 10 + 7 * k + i),
            metrics: Array.from({ length: 60 }, (_, k) => 0.01 * ((k + i) % 50)),
          },
        })),
      ),
    );
    const payload = JSON.stringify({ round: ROUND, submissions: [{ slug: "fault-a" }, { slug: "fault-b" }], runs });
    const upload = async () => {
      const res = await fetch(`${app.baseUrl}/api/v1/runs`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: payload,
      });
      return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
    };
    const counts = async () => {
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      try {
        const q = async (sql: string) => Number((await c.query(sql, [ROUND])).rows[0].n);
        return {
          submissions: await q(`SELECT count(*) AS n FROM "Submission" s JOIN "Round" r ON r.id = s."roundId" WHERE r.slug = $1`),
          runs: await q(`SELECT count(*) AS n FROM "Run" x JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1`),
          evals: await q(`SELECT count(*) AS n FROM "RunEvals" e JOIN "Run" x ON x.id = e."runId" JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = $1`),
          results: await q(`SELECT count(*) AS n FROM "WorkloadResult" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = $1`),
          accepted: await q(`SELECT count(*) AS n FROM "Upload" u JOIN "Round" r ON r.id = u."roundId" WHERE r.slug = $1 AND u.outcome = 'accepted'`),
          dataVersion: await q(`SELECT "dataVersion" AS n FROM "Round" WHERE slug = $1`),
        };
      } finally {
        await c.end();
      }
    };
    const before = await counts();
    expect(before).toMatchObject({ submissions: 0, runs: 0, accepted: 0 });

    // Hold the audit log so the upload's transaction, once it has written its
    // rows, waits at its last step (its audit entry; the data version moves
    // first, docs/history.md).
    const locker = new pg.Client({ connectionString: server.url });
    locker.on("error", () => undefined); // the stop below ends this session too
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE "AuditLog" IN SHARE MODE`);
    let settled: unknown = null;
    const inFlight = upload().then((r) => (settled = r));
    // The backend waiting for this session's lock, and the tables it has written to so far.
    let waiting: { pid: number; written: string[] } | undefined;
    for (let i = 0; i < 300 && !waiting && settled === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const pid = (await locker.query(`SELECT l.pid FROM pg_locks l WHERE NOT l.granted AND l.locktype = 'relation' AND l.relation = '"AuditLog"'::regclass`))
        .rows[0]?.pid as number | undefined;
      if (pid === undefined) continue;
      const written = (
        await locker.query(
          `SELECT relation::regclass::text AS t FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND mode = 'RowExclusiveLock' AND granted ORDER BY 1`,
          [pid],
        )
      ).rows.map((r) => r.t as string);
      waiting = { pid, written };
    }
    expect(waiting, `the upload's transaction did not reach its audit entry: ${JSON.stringify(settled).slice(0, 2000)}`).toBeDefined();
    // Mid-transaction: its runs, eval series and derived results are written, not committed.
    expect(waiting!.written).toEqual(expect.arrayContaining(['"Run"', '"RunEvals"', '"Upload"', '"Submission"', '"WorkloadResult"']));

    await server.stop();
    const interrupted = await inFlight;
    expect(interrupted.status, `${JSON.stringify(interrupted.body)}\n${app.log().slice(-4000)}`).toBe(503);
    expect(interrupted.retryAfter).toBe("5");
    expect(interrupted.body.error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/database is unavailable; retry/) });
    await locker.end().catch(() => undefined);

    server = await start();
    // Nothing of the interrupted batch survived the restart.
    expect(await counts()).toEqual(before);

    // The client retries as told; the first attempts may meet connections the restart closed.
    let retried = await upload();
    for (let i = 0; i < 20 && retried.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 500));
      retried = await upload();
    }
    expect(retried.status, JSON.stringify(retried.body).slice(0, 2000)).toBe(201);
    expect(retried.body.counts).toEqual({ runs: runs.length, created: runs.length, unchanged: 0, replaced: 0 });
    const after = await counts();
    expect(after).toEqual({
      submissions: 2,
      runs: runs.length,
      evals: runs.length,
      results: 2 * workloads.length,
      accepted: 1,
      dataVersion: before.dataVersion + 1,
    });

    // Sending it once more (a client that missed the answer) stores nothing new.
    const again = await upload();
    expect(again.status).toBe(200);
    expect(again.body.counts).toEqual({ runs: runs.length, created: 0, unchanged: runs.length, replaced: 0 });
    expect(await counts()).toEqual({ ...after, accepted: 2 });
    // Neither the fault nor its logging printed the token.
    expect(app.log()).not.toContain(token.slice(12));
  });
});

describe("the database hangs (SIGSTOP) and resumes (SIGCONT)", () => {
  let dir: string;
  let server: EmbeddedPostgres;
  let app: App;
  const get = async (p: string) => {
    const started = performance.now();
    const res = await fetch(`${app.baseUrl}${p}`, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, headers: res.headers, body: await res.text(), ms: performance.now() - started };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "algoperf-hang-"));
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "algoperf" });
    await applyMigrations(server.url);
    const db = createDb(server.url, { max: 1 });
    await seedPublishedData(db);
    await db.$disconnect();
    // A short client-side query timeout, so that the test need not wait the default (statement timeout + 5 s).
    app = await startApp(server.url, { DB_QUERY_TIMEOUT_MS: "2000", DB_CONNECT_TIMEOUT_MS: "2000" });
  });
  afterAll(async () => {
    if (server) signalAll(server.pid, "SIGCONT");
    await app?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("/api/health answers 503 within 2 s, reads fail fast with 503, and all recovers after SIGCONT", async () => {
    expect((await get("/api/health")).status).toBe(200);
    const warm = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=30");
    expect(warm.status).toBe(200);

    // Every process of the cluster: the postmaster and its backends keep their sockets open, and answer nothing.
    signalAll(server.pid, "SIGSTOP");
    try {
      const health = await get("/api/health");
      expect(health.status).toBe(503);
      expect(health.ms).toBeLessThan(2_000);
      expect(health.headers.get("retry-after")).toBe("5");
      expect(JSON.parse(health.body).database.status).toBe("down");

      const uncached = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=31");
      expect(uncached.status, uncached.body.slice(0, 500)).toBe(503);
      expect(uncached.headers.get("retry-after")).toBe("5");
      // The client-side timeouts (2 s each here), not the hang, bound the wait.
      expect(uncached.ms).toBeLessThan(15_000);
    } finally {
      signalAll(server.pid, "SIGCONT");
    }

    let health = await get("/api/health");
    for (let i = 0; i < 50 && health.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      health = await get("/api/health");
    }
    expect(health.status).toBe(200);
    const recovered = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=31");
    expect(recovered.status).toBe(200);
  });
});

/** Sends `signal` to the postmaster `pid` and every process it started (its backends and workers). */
function signalAll(pid: number, signal: NodeJS.Signals) {
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter((p) => p > 0);
  for (const p of [pid, ...children]) {
    try {
      process.kill(p, signal);
    } catch {
      // exited meanwhile
    }
  }
}

/** Slugs of the leaderboard table's rows, in order. */
function submissionRows(html: string): string[] {
  const table = /data-table="leaderboard"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<tr[^>]*data-submission="([^"]+)"/g)].map((m) => m[1]!);
}
