// npm start: database (DATABASE_URL or embedded PostgreSQL), migrations, seed,
// production build when the sources changed, then the web server
// (scripts/server.ts: one process per core, each Next.js behind the page
// cache, knowing each request's TCP peer). Ctrl-C or SIGTERM stops the web
// server, then PostgreSQL. `--dev` serves `next dev` instead of building
// (npm run dev).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { appPort, dbConfig } from "@/lib/db/config";
import { createDb } from "@/lib/db/create-db";
import { openDatabase, redactUrl } from "@/lib/db/database";
import { buildIsCurrent, sourceHash, writeBuildStamp } from "./build-stamp";
import { trustedProxies } from "@/lib/server/client-address";
import { seedPublishedData } from "./seed";
import { processAlive as alive } from "@/lib/db/embedded";

const log = (line: string) => console.log(`[algoperf] ${line}`);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
}

const serverScript = path.join(path.dirname(new URL(import.meta.url).pathname), "server.ts");

/** The web server (scripts/server.ts) under tsx, as a child process (`--dev`: Next's dev server with hot reload). */
function serve(dev: boolean, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", serverScript, ...(dev ? ["--dev"] : [])], { stdio: "inherit", env });
}

const pidFile = path.join(dbConfig().dataDir, "app.pid");

/**
 * A `kill -9` of this launcher alone leaves its Next.js server running and
 * holding the port; stop that orphan before starting a new one.
 */
async function stopOrphanedServer(): Promise<void> {
  if (!existsSync(pidFile)) return;
  const { launcher, server } = JSON.parse(await readFile(pidFile, "utf8")) as { launcher: number; server: number };
  if (!alive(launcher) && alive(server)) {
    const cmd = await readFile(`/proc/${server}/cmdline`, "utf8").catch(() => "");
    if (cmd.includes("next") || cmd.includes("server.ts")) {
      log(`stopping the web server left running by an earlier start (pid ${server})`);
      process.kill(server, "SIGTERM");
      for (let i = 0; i < 100 && alive(server); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive(server)) process.kill(server, "SIGKILL");
    }
  }
  await rm(pidFile, { force: true });
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main() {
  const started = Date.now();
  const dev = process.argv.includes("--dev");
  const port = appPort();
  // A malformed TRUSTED_PROXIES stops the start instead of failing every write.
  trustedProxies();
  await stopOrphanedServer();
  const database = await openDatabase({ log });
  let child: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await exitCode(child);
    }
    await database.close();
    await rm(pidFile, { force: true });
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    log(`database: ${database.embedded ? "embedded PostgreSQL, " : ""}${redactUrl(database.url)}`);
    const prisma = createDb(database.url, { max: 2 });
    try {
      await seedPublishedData(prisma, { log });
    } finally {
      await prisma.$disconnect();
    }

    const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
    const hash = dev ? "" : await sourceHash();
    if (!dev && !(await buildIsCurrent(hash))) {
      log("building the app (first start or sources changed)…");
      child = run(["build"], env);
      const code = await exitCode(child);
      if (stopping) return;
      if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
      await writeBuildStamp(hash);
    }
    log(`serving http://localhost:${port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s before Next.js starts)`);
    child = serve(dev, env);
    await mkdir(path.dirname(pidFile), { recursive: true });
    await writeFile(pidFile, JSON.stringify({ launcher: process.pid, server: child.pid }));
    const code = await exitCode(child);
    if (!stopping) {
      await rm(pidFile, { force: true });
      await database.close();
      process.exit(code);
    }
  } catch (error) {
    if (!stopping) {
      console.error(`[algoperf] ${error instanceof Error ? error.message : String(error)}`);
      await database.close();
      process.exit(1);
    }
  }
}

await main();
