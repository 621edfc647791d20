// Migrations with Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm).
// The native engine cannot be downloaded on an offline machine; the wasm engine
// applies prisma/migrations/*/migration.sql and records them in
// `_prisma_migrations` exactly like `prisma migrate deploy`, so both tools can
// manage the same database (docs/environment.md, "Prisma 7 without native engines").
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { ensureHistory } from "./history-sql";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const SCHEMA_FILE = path.join(PRISMA_DIR, "schema.prisma");
const FILTERS = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let engineModule: Promise<EngineModule> | undefined;

/**
 * The package's entry imports its .wasm as an ES module, which Node 20 only
 * allows behind --experimental-wasm-modules; instantiate it by hand instead.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // Without this registry a Rust panic surfaces as "reading 'set_message'" (docs/environment.md).
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => console.error(m) };
    return bg;
  })();
  return engineModule;
}

/**
 * Connection fields instead of a URL: adapter-pg derives the shadow database
 * config by overriding `database`, which a connection string would silently win over.
 */
function poolConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    ...(u.searchParams.get("sslmode") && u.searchParams.get("sslmode") !== "disable" ? { ssl: { rejectUnauthorized: false } } : {}),
  };
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const patched = new WeakSet<object>();
const charColumns = new WeakMap<object, number[]>();
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * The engine's schema inspection reads catalog columns of PostgreSQL's internal
 * `"char"` type, which adapter-pg 7.10 rejects (UnsupportedNativeDataType) as
 * soon as the inspected schema has enums or constraints (docs/environment.md pitfall).
 * Report them as the driver-adapter `Character` column type the engine expects:
 * let adapter-pg map them as text, then fix the column types of that result.
 */
function readCharColumns<T extends object>(adapter: T): T {
  let proto: object | null = adapter;
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || patched.has(proto)) return adapter;
  patched.add(proto);
  type Result = { fields: Array<{ dataTypeID: number }>; rows: object };
  const io = proto as {
    performIO: (...args: unknown[]) => Promise<Result>;
    queryRaw: (...args: unknown[]) => Promise<{ columnTypes: number[]; rows: object }>;
  };
  const performIO = io.performIO;
  // The engine sends some queries without waiting for the one before on the same
  // connection; node-postgres queues them itself but warns that it will stop doing
  // so (pg@9, DeprecationWarning "client.query() when the client is already
  // executing a query", printed by every start). Queued here instead, per adapter
  // or transaction object, in the same order: the same queries, one at a time.
  io.performIO = async function (this: object, ...args: unknown[]) {
    const before = queues.get(this) ?? Promise.resolve();
    const run = before.then(() => performIO.apply(this, args));
    queues.set(
      this,
      run.catch(() => undefined),
    );
    const result = await run;
    const chars = result.fields.flatMap((f, i) => (f.dataTypeID === PG_CHAR_OID ? [i] : []));
    if (chars.length) {
      for (const i of chars) result.fields[i]!.dataTypeID = PG_TEXT_OID;
      charColumns.set(result.rows, chars);
    }
    return result;
  };
  const queryRaw = io.queryRaw;
  io.queryRaw = async function (this: unknown, ...args: unknown[]) {
    const result = await queryRaw.apply(this, args);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

/**
 * adapter-pg's own shadow database is dropped while its pool still holds a
 * connection, which fails; this one closes the pool first, then drops it.
 */
function adapterFactory(url: string) {
  const factory = new PrismaPg(poolConfig(url));
  const pools: Array<() => Promise<void>> = [];
  const migrationAware = Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
    async connect() {
      // The engine never disposes its connection; a session left open keeps
      // holding the migration advisory lock, so the next engine waits 10 s for it.
      const adapter = readCharColumns(await factory.connect());
      pools.push(() => adapter.dispose());
      return adapter;
    },
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client(poolConfig(url));
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const shadow = readCharColumns(await new PrismaPg(poolConfig(url, name)).connect());
      const dispose = shadow.dispose.bind(shadow);
      const drop = async () => {
        await dispose();
        const c = new pg.Client(poolConfig(url));
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      };
      pools.push(drop);
      shadow.dispose = async () => {
        pools.splice(pools.indexOf(drop), 1);
        await drop();
      };
      return shadow;
    },
  });
  return { adapter: bindMigrationAwareSqlAdapterFactory(migrationAware), cleanup: () => Promise.all(pools.map((d) => d())) };
}

async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadEngineModule();
  const schema = await readFile(SCHEMA_FILE, "utf8");
  const { adapter, cleanup } = adapterFactory(url);
  const logs: string[] = [];
  // The engine leaves timers behind (docs/environment.md); track and clear them so the process can exit.
  const timers = new Set<NodeJS.Timeout>();
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    const t = realSetTimeout(...args);
    timers.add(t);
    return t;
  }) as typeof setTimeout;
  try {
    const engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, (m: string) => logs.push(m), adapter);
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    if (logs.length) (error as Error).message += `\nschema engine log:\n${logs.slice(-20).join("\n")}`;
    throw error;
  } finally {
    globalThis.setTimeout = realSetTimeout;
    for (const t of timers) t.unref();
    await cleanup();
  }
}

async function readMigrations(): Promise<MigrationList> {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
        const content = existsSync(file)
          ? ({ tag: "ok", value: await readFile(file, "utf8") } as const)
          : ({ tag: "error", value: `${file} is missing` } as const);
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Applies pending migrations (like `prisma migrate deploy`); returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: FILTERS });
    return out.appliedMigrationNames;
  }).then(async (applied) => {
    // Views of past versions follow the tables as the migrations left them (docs/history.md).
    await ensureHistory(url);
    return applied;
  });
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
 * takes the database of the existing migrations to the current schema (replayed
 * in a shadow database). Returns the folder, or null when nothing changed.
 */
export async function createMigration(url: string, name: string): Promise<string | null> {
  const migrationsList = await readMigrations();
  const schema = await readFile(SCHEMA_FILE, "utf8");
  const sql = await withEngine(url, async (engine) => {
    const from = migrationsList.migrationDirectories.length ? ({ tag: "migrations", ...migrationsList } as const) : ({ tag: "empty" } as const);
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return result.stdout ?? "";
  });
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "migration";
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!existsSync(lock)) {
    await writeFile(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return dir;
}
