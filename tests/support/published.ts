// The project's copies of the published data, read the way a test needs them.
import { readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(__dirname, "..", "..", "data", "published");

export function readPublished<T = unknown>(file: "paper_tables.json" | "algoperf_leaderboards.json"): T {
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T;
}
