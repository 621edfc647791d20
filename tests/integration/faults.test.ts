// PostgreSQL stops while the app runs: reads answer from cache (marked stale)
// or with 503 + Retry-After, nothing crashes, and everything recovers when the
// database is back. Uses its own database and app instance.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDb } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { seedPublishedData } from "@/scripts/seed";
import { freePort, startApp } from "../support/stack";

describe("the database stops and comes back", () => {
  let dir: string;
  let port: number;
  let server: EmbeddedPostgres;
  let app: Awaited<ReturnType<typeof startApp>>;
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

    await server.stop();

    const health = await get("/api/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body).database).toMatchObject({ status: "down" });
    expect(JSON.parse(health.body).database.error).toMatch(/Can't reach database server/);

    const stale = await get(cachedPath);
    expect(stale.status).toBe(200);
    const staleBody = JSON.parse(stale.body);
    expect(staleBody.stale).toBe(true);
    expect(staleBody.scores).toEqual(JSON.parse(warm.body).scores);

    const uncached = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=21");
    expect(uncached.status).toBe(503);
    expect(uncached.headers.get("retry-after")).toBe("5");
    expect(JSON.parse(uncached.body).error).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/database is unavailable; retry/) });

    server = await start();
    const recovered = await get("/api/v1/rounds/algoperf-v0.6-external/scores?points=21");
    expect(recovered.status).toBe(200);
    expect(JSON.parse(recovered.body).stale).toBeUndefined();
    expect((await get("/api/health")).status).toBe(200);
  });
});
