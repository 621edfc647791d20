// The database of local operator commands (token, import): DATABASE_URL, or
// the embedded server in ALGOPERF_DATA_DIR (started for the command), migrated.
import { createDb, type Db } from "@/lib/db/create-db";
import { openDatabase } from "@/lib/db/database";

export async function withLocalDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  // Progress of the database start goes to stderr, so stdout stays the command's output.
  const database = await openDatabase({ shareRunning: true, log: (line) => process.stderr.write(`${line}\n`) });
  const db = createDb(database.url, { max: 2 });
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
    await database.close();
  }
}
