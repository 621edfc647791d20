// The JSON inputs of `score <input.json>` (per-workload times, or one round's
// per-trial results): read, parsed with their line and column on a syntax
// error, and validated. Loaded only for a JSON input: `score <folders>` does
// not load jsonc-parser (~10 ms of a process's start-up).
import { readFileSync } from "node:fs";
import { z } from "zod";
import { poolFromRound } from "../../lib/scoring";
import type { PoolInput } from "../../lib/scoring";
import { jsonErrorText, parseJsonText } from "../../lib/ingest/json-syntax";

const TIME_ERROR = 'expected a time >= 0, null (not reached), "inf" (not reached) or "nan" (no data)';

// Bounds of a score input: generous for any real leaderboard, small enough that a
// malformed or hostile file fails validation instead of exhausting memory.
const name = z.string().min(1).max(200, { error: "at most 200 characters" });
const workloadList = z.array(name).max(100, { error: "at most 100 workloads" });
/** A JSON object of at most `max` entries. */
const boundedRecord = <V extends z.ZodType>(value: V, max: number, what: string) =>
  z.record(name, value).refine((r) => Object.keys(r).length <= max, { error: `at most ${max} ${what}` });

// Form (a): { workloads, held_out_workloads?, submissions: { name: { workload: time } } }.
const timesInputSchema = z.object({
  workloads: workloadList.min(1),
  held_out_workloads: workloadList.default([]),
  submissions: boundedRecord(
    boundedRecord(
      z.union([z.number().nonnegative({ error: TIME_ERROR }), z.null(), z.literal("inf"), z.literal("nan")], {
        error: TIME_ERROR,
      }),
      200,
      "workloads",
    ),
    10_000,
    "submissions",
  ),
});

// Form (b): one entry of `rounds` in data/published/algoperf_leaderboards.json.
const trialSchema = z
  .object({
    trial: z.string().max(200),
    hit_index: z.number().int().nonnegative().nullable(),
    hit_time: z.number().nonnegative().nullable(),
  })
  .refine((t) => t.hit_index === null || t.hit_time !== null, { error: "hit_index is set but hit_time is null" });
const roundInputSchema = z.object({
  base_workloads: workloadList.min(1),
  held_out_workloads: workloadList.default([]),
  submissions: boundedRecord(boundedRecord(boundedRecord(z.array(trialSchema).max(10_000), 10_000, "studies"), 200, "workloads"), 10_000, "submissions"),
});

export function readInput(file: string, pool: string[] | undefined): PoolInput {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${jsonErrorText(e)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new Error(`${file}: expected a JSON object at the top level`);
  }
  if ("rounds" in json) {
    throw new Error(`${file} holds several rounds; pass one round object (one element of "rounds")`);
  }
  if ("base_workloads" in json) {
    const round = parseWith(roundInputSchema, json, file, "trials");
    return poolFromRound({ ...round, submissions: pickPool(round.submissions, pool) });
  }
  if ("workloads" in json) {
    const times = parseWith(timesInputSchema, json, file, "times");
    return {
      baseWorkloads: times.workloads,
      heldOutWorkloads: times.held_out_workloads,
      submissions: Object.entries(pickPool(times.submissions, pool)).map(([name, row]) => ({
        name,
        times: Object.fromEntries(Object.entries(row).map(([w, t]) => [w, t === null || t === "inf" ? Infinity : t === "nan" ? NaN : t])),
      })),
    };
  }
  throw new Error(`${file}: cannot tell the input form: expected "workloads" (times) or "base_workloads" (per-trial round) at the top level`);
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, file: string, form: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 10).map((issue) => `  at ${formatPath(issue.path)}: ${issue.message}`);
  const more = parsed.error.issues.length > 10 ? `\n  ... and ${parsed.error.issues.length - 10} more` : "";
  throw new Error(`${file}: invalid ${form} input\n${lines.join("\n")}${more}`);
}

/** JSON path of a zod issue, e.g. submissions["AdamW 33%"].criteo1tb. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      const k = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(k)) return i === 0 ? k : `.${k}`;
      return `[${JSON.stringify(k)}]`;
    })
    .join("");
}

/** The members named by --pool (all without it), in input order. */
function pickPool<T>(submissions: Record<string, T>, pool: string[] | undefined): Record<string, T> {
  if (!pool) return submissions;
  const unknown = pool.filter((n) => !Object.hasOwn(submissions, n));
  if (unknown.length > 0) {
    throw new Error(`--pool names unknown submission(s) ${unknown.map((n) => `"${n}"`).join(", ")}; ` + `known: ${Object.keys(submissions).join(", ")}`);
  }
  const wanted = new Set(pool);
  return Object.fromEntries(Object.entries(submissions).filter(([name]) => wanted.has(name)));
}
