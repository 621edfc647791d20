// `score <input.json>`: score a pool from per-workload times or from one
// published round's per-trial results, and print the result as JSON
// (non-finite numbers as "inf" / "nan"). All rules live in lib/scoring.
import { readFileSync, statSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { z } from "zod";
import { poolFromRound, scorePool, scoringReport, stringifyScoring } from "../../lib/scoring";
import type { PoolInput, ScoreSettings } from "../../lib/scoring";
import { scoreFolders } from "./score-folders";
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

interface ScoreOptions {
  tauMin: number;
  tauMax: number | "none";
  points: number;
  scale: "linear" | "log";
  integration: "trapezoid" | "exact";
  reference?: string;
  pool?: string[];
  pretty?: boolean;
  round?: string;
  targets?: string;
  selfTuning?: boolean;
  outputDir?: string;
  trialOrder: "directory" | "name";
  json?: boolean;
}

export function scoreCommand(): Command {
  return new Command("score")
    .description(
      "Score a pool. <input.json> holds either per-workload times " +
        '({"workloads": [...], "held_out_workloads"?: [...], "submissions": {name: {workload: time | null | "nan"}}}) ' +
        "or one round of per-trial results as in data/published/algoperf_leaderboards.json. " +
        "With no held-out list, every non-base workload present acts as a held-out variant (see lib/scoring/README.md). " +
        "Or: AlgoPerf experiment folders (a folder of submission folders, as score_submissions.py --submission_directory, or submission folders), " +
        "scored like the official score_submissions.py with --round or --targets (docs/log-reader.md).",
    )
    .argument("<inputs...>", "one times or trials JSON file, or experiment folders")
    .option("--round <slug>", "folders: the targets of this round, e.g. algoperf-v0.5-external")
    .option("--targets <file>", "folders: an official workload_targets*.json file")
    .option("--self-tuning", "folders: the self-tuning ruleset (as --self_tuning_ruleset; it changes no score)")
    .option("--output-dir <dir>", "folders: write scores.csv, time_to_targets.csv and performance_profile_score.csv there")
    .addOption(
      new Option("--trial-order <order>", "folders: order of trial folders (docs/scoring.md §2.2)").choices(["directory", "name"]).default("directory"),
    )
    .option("--json", "folders: print the scores as JSON")
    .option("--tau-min <number>", "left end of the tau grid", parseNumber, 1)
    .option("--tau-max <number|none>", "right end of the tau grid; none = largest finite ratio", parseTauMax, 4)
    .option("--points <integer>", "number of tau grid points", parseInteger, 100)
    .addOption(new Option("--scale <scale>", "tau grid spacing").choices(["linear", "log"]).default("linear"))
    .addOption(new Option("--integration <mode>", "trapezoid (official) or exact step-profile area").choices(["trapezoid", "exact"]).default("trapezoid"))
    .option("--reference <name>", "divide by this submission's times instead of the pool best")
    .option("--pool <names>", "comma-separated submissions to score (default: all)", parseList)
    .option("--pretty", "indent the JSON output")
    .action(async function (this: Command, inputs: string[], options: ScoreOptions) {
      try {
        if (inputs.some((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory())) {
          await scoreFolders(inputs, options);
          return;
        }
        if (inputs.length !== 1) throw new Error("pass one JSON input file, or experiment folders");
        const file = inputs[0]!;
        const input = readInput(file, options.pool);
        const settings: ScoreSettings = {
          tauMin: options.tauMin,
          tauMax: options.tauMax === "none" ? null : options.tauMax,
          points: options.points,
          scale: options.scale,
          integration: options.integration,
          reference: options.reference ?? null,
        };
        const r = scorePool(input, settings);
        process.stdout.write(stringifyScoring(scoringReport(r), options.pretty ? 2 : undefined) + "\n");
      } catch (e) {
        this.error(`error: ${e instanceof Error ? e.message : String(e)}`, { exitCode: 1 });
      }
    });
}

function readInput(file: string, pool: string[] | undefined): PoolInput {
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

function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("not a finite number");
  return n;
}

// Not null for "none": commander replaces a null parse result by "".
function parseTauMax(value: string): number | "none" {
  return value === "none" ? "none" : parseNumber(value);
}

function parseInteger(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("not an integer");
  return n;
}

function parseList(value: string): string[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new InvalidArgumentError("no submission names");
  return names;
}
