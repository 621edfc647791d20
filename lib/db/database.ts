// Gives the scripts (start, db:*, cli import) a migrated database: DATABASE_URL
// when set, otherwise the embedded server in the data folder.
import path from "node:path";
import { dbConfig, type DbConfig } from "./config";
import { runningEmbeddedPostgres, startEmbeddedPostgres } from "./embedded";
import { applyMigrations } from "./migrate";

export interface Database {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * `shareRunning`: use the embedded server of the data folder if it is already
 * running (under `npm start`) and leave it running; for commands that may run
 * beside the app (`npm run cli -- token ...`).
 */
export async function openDatabase(
  options: { migrate?: boolean; log?: (line: string) => void; config?: DbConfig; shareRunning?: boolean } = {},
): Promise<Database> {
  const config = options.config ?? dbConfig();
  const log = options.log ?? (() => undefined);
  let database: Database;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, embedded: false, close: async () => undefined };
  } else {
    const embedded = { dataDir: path.join(config.dataDir, "postgres"), port: config.embeddedPort, database: config.embeddedDatabase, log };
    const server = (options.shareRunning ? await runningEmbeddedPostgres(embedded) : null) ?? (await startEmbeddedPostgres(embedded));
    database = { url: server.url, embedded: true, close: () => server.stop() };
  }
  if (options.migrate ?? true) {
    try {
      const applied = await applyMigrations(database.url);
      if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/** The URL with its password masked, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
