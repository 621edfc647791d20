// Runtime configuration from the environment, in one place (documented in README.md).
import path from "node:path";

export interface DbConfig {
  /** External PostgreSQL; when unset an embedded server is started. */
  databaseUrl: string | undefined;
  /** Folder for the embedded cluster and other local state (git-ignored). */
  dataDir: string;
  embeddedPort: number;
  embeddedDatabase: string;
}

type Env = Record<string, string | undefined>;

function intFromEnv(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return value;
}

export function dbConfig(env: Env = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ALGOPERF_DATA_DIR || ".data"),
    embeddedPort: intFromEnv(env, "EMBEDDED_PG_PORT", 54329),
    embeddedDatabase: "algoperf",
  };
}

export function appPort(): number {
  return intFromEnv(process.env, "PORT", 3000);
}
