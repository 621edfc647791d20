// `npm start` as a user runs it: embedded PostgreSQL in a fresh data folder,
// migrations, seed, Next.js; Ctrl-C, restart with the same data, kill -9 of the
// whole process group, restart; and DATABASE_URL pointing at another server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { freePort } from "../support/stack";
import { processAlive as alive } from "@/lib/db/embedded";

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function npmStart(env: Record<string, string>, port: number): Promise<Started> {
  // detached: its own process group, like a terminal session, so a group signal reaches every process.
  const child = spawn("npm", ["start"], { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env, PORT: String(port) } });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 180_000;
  while (!/Ready in/.test(out)) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready after 180 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

/** Waits until every process of the child's group (npm, the launcher, Next.js, PostgreSQL) has ended. */
async function exited(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process group ${child.pid} still running after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function counts(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (t: string) => Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    return { rounds: await q("Round"), submissions: await q("Submission"), runs: await q("Run") };
  } finally {
    await c.end();
  }
}

// The external-database pass of .ci/run covers the DATABASE_URL case only.
describe.skipIf(Boolean(process.env.DATABASE_URL))("npm start with the embedded database", () => {
  let dataDir: string;
  let pgPort: number;
  let port: number;
  let env: Record<string, string>;
  const url = () => `postgresql://postgres:algoperf-local@localhost:${pgPort}/algoperf`;
  const postmasterPid = () => Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "algoperf-start-"));
    pgPort = await freePort();
    port = await freePort();
    env = { ALGOPERF_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: "" };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test("serves the seeded site, stops cleanly on SIGINT, and keeps its data across restarts and kill -9", async () => {
    const first = await npmStart(env, port);
    const home = await (await fetch(`http://localhost:${port}/`)).text();
    expect(home).toContain('data-round-link="paper-2505.24005"');
    const seeded = await counts(url());
    expect(seeded.rounds).toBe(5);
    const pgPid = postmasterPid();

    process.kill(-first.child.pid!, "SIGINT"); // Ctrl-C in a terminal signals the whole group
    await exited(first.child); // npm itself ends by the signal; the launcher's log tells how it stopped
    expect(first.output()).toContain("[algoperf] SIGINT: stopping");
    expect(alive(pgPid)).toBe(false);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

    const second = await npmStart(env, port);
    expect(second.output()).not.toMatch(/loaded /); // nothing re-seeded
    expect(await counts(url())).toEqual(seeded);

    process.kill(-second.child.pid!, "SIGKILL");
    await exited(second.child);
    const third = await npmStart(env, port);
    try {
      expect(await counts(url())).toEqual(seeded);
      expect((await fetch(`http://localhost:${port}/api/health`)).status).toBe(200);
    } finally {
      process.kill(-third.child.pid!, "SIGTERM");
      await exited(third.child);
    }
    // Three starts, each bounded by npmStart's own 180 s: one per worker process now starts Next.js.
  }, 240_000);
});

describe("npm start with DATABASE_URL", () => {
  test("uses that server and creates the schema there", async () => {
    const base = new URL(inject("databaseUrl"));
    const name = `algoperf_start_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(base);
    target.pathname = `/${name}`;
    const port = await freePort();
    const started = await npmStart({ DATABASE_URL: target.toString() }, port);
    try {
      expect(started.output()).not.toMatch(/embedded PostgreSQL/);
      expect(await counts(target.toString())).toMatchObject({ rounds: 5 });
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toContain('data-round-link="algoperf-v0.5-external"');
    } finally {
      process.kill(-started.child.pid!, "SIGTERM");
      await exited(started.child);
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    }
  });
});
