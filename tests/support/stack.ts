// The real stack for integration and end-to-end tests: a fresh PostgreSQL
// (embedded in a temporary folder, or a new database on the server named by
// DATABASE_URL), migrated and seeded, and the production build served by
// scripts/server.ts (what `npm start` serves: Next.js behind the page cache)
// on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/create-db";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { buildIsCurrent, sourceHash, writeBuildStamp } from "@/scripts/build-stamp";
import { seedPublishedData } from "@/scripts/seed";

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  /** Where the database runs: "embedded" or the external server (password masked). */
  databaseKind: string;
  stop(): Promise<void>;
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const serverScript = path.resolve("scripts/server.ts");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function ensureBuild(log: (l: string) => void = () => undefined): Promise<void> {
  const hash = await sourceHash();
  if (await buildIsCurrent(hash)) return;
  log("building the app for the tests…");
  const child = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-5000)}`);
  await writeBuildStamp(hash);
}

/** A fresh database: on DATABASE_URL's server if set (never its own database), else embedded. */
export async function startDatabase(): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `algoperf_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    const masked = new URL(external);
    if (masked.password) masked.password = "***";
    return {
      url: u.toString(),
      kind: `external ${masked.host}`,
      async stop() {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "algoperf-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "algoperf" });
  return {
    url: server.url,
    kind: "embedded",
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface App {
  baseUrl: string;
  process: ChildProcess;
  /** Everything the server printed on stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Write rate limits no test reaches, unless `env` sets them (rate-limit.test.ts
 * does). The limits are counted in the database, per address, whichever
 * instance answers: the tests' apps share one database and one address, so
 * with the defaults one file's writes made another file's upload through a
 * second instance answer 429 (page-cache.test.ts, after ~300 writes from
 * 127.0.0.1 within one minute of the whole run).
 */
const UNREACHED_LIMITS = { RATE_LIMIT_PER_TOKEN: "1000000", RATE_LIMIT_PER_IP: "1000000" };

/** The production server on a free port; one worker process unless `env` sets WEB_CONCURRENCY. */
export async function startApp(databaseUrl: string, env: Record<string, string> = {}): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", serverScript], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      WEB_CONCURRENCY: "1",
      ...UNREACHED_LIMITS,
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
    },
  });
  const chunks: string[] = [];
  child.stdout?.on("data", (c: Buffer) => chunks.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => chunks.push(c.toString()));
  const log = () => chunks.join("");
  const output = () => log().slice(-20_000);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not become healthy within 60 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    process: child,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

type Database = Awaited<ReturnType<typeof startDatabase>>;

/**
 * The production build on a migrated, seeded database: a fresh one
 * (startDatabase) unless `database` provides another (e.g. a kept embedded
 * cluster; the seed skips rounds already loaded).
 */
export async function startStack(
  log: (l: string) => void = () => undefined,
  database: () => Promise<Database> = startDatabase,
  appEnv: Record<string, string> = {},
): Promise<Stack> {
  const [, db] = await Promise.all([ensureBuild(log), database()]);
  return serve(db, appEnv);
}

async function serve(database: Database, appEnv: Record<string, string>): Promise<Stack> {
  try {
    await applyMigrations(database.url);
    const prisma = createDb(database.url, { max: 2 });
    try {
      await seedPublishedData(prisma);
    } finally {
      await prisma.$disconnect();
    }
    // The suite sends thousands of writes from 127.0.0.1 within minutes: the shared
    // app runs without practical write limits; tests/integration/rate-limit.test.ts
    // starts instances of its own with low ones. The tests' clients stand behind
    // a local proxy: X-Forwarded-For from 127.0.0.1 names them (TRUSTED_PROXIES).
    const app = await startApp(database.url, { TRUSTED_PROXIES: "127.0.0.1", ...appEnv });
    return {
      baseUrl: app.baseUrl,
      databaseUrl: database.url,
      databaseKind: database.kind,
      async stop() {
        await app.stop();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
