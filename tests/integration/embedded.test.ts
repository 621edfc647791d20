// The embedded PostgreSQL survives restarts and kills (SCORING-independent
// foundation: issue "the service starts from two commands").
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, expect, test } from "vitest";
import { processAlive as alive, startEmbeddedPostgres } from "@/lib/db/embedded";
import { freePort } from "../support/stack";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "algoperf-embedded-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

test("data persists across a clean stop and start", async () => {
  const port = await freePort();
  const opts = { dataDir: path.join(dir, "pg"), port, database: "t" };
  const first = await startEmbeddedPostgres(opts);
  await query(first.url, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
  await first.stop();
  expect(alive(first.pid)).toBe(false);
  const second = await startEmbeddedPostgres(opts);
  try {
    expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: 42 }]);
  } finally {
    await second.stop();
  }
});

test("starts after the server was killed with SIGKILL (stale postmaster.pid)", async () => {
  const opts = { dataDir: path.join(dir, "pg"), port: await freePort(), database: "t" };
  const first = await startEmbeddedPostgres(opts);
  await query(first.url, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
  process.kill(first.pid, "SIGKILL");
  while (alive(first.pid)) await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(path.join(opts.dataDir, "postmaster.pid"))).toBe(true);
  const second = await startEmbeddedPostgres(opts);
  try {
    expect(await query(second.url, "SELECT v FROM kept")).toEqual([{ v: 7 }]);
  } finally {
    await second.stop();
  }
});

test("starts after the owning process was killed with SIGKILL while PostgreSQL kept running (orphan)", async () => {
  const dataDir = path.join(dir, "pg");
  const port = await freePort();
  const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve("lib/db/embedded.ts"))};
const s = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: "t" });
console.log("READY " + s.pid);
setInterval(() => {}, 1000);`;
  const file = path.join(dir, "owner.mts");
  writeFileSync(file, script);
  // One process (node with tsx's loader), so SIGKILL really kills the owner.
  const owner = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "inherit"] });
  const orphanPid = await new Promise<number>((resolve, reject) => {
    let out = "";
    owner.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    owner.once("exit", (code) => reject(new Error(`owner exited early (${code})`)));
  });
  owner.kill("SIGKILL");
  await new Promise((r) => owner.once("exit", r));
  expect(alive(orphanPid)).toBe(true);
  expect(Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0])).toBe(orphanPid);

  const server = await startEmbeddedPostgres({ dataDir, port, database: "t" });
  try {
    expect(alive(orphanPid)).toBe(false);
    expect(server.pid).not.toBe(orphanPid);
    expect(await query(server.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  } finally {
    await server.stop();
  }
});
