// `score <input.json>`: score a pool from per-workload times or from one
// published round's per-trial results, and print the result as JSON
// (non-finite numbers as "inf" / "nan"). All rules live in lib/scoring.
import { statSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { scorePool, scoringReport, stringifyScoring } from "../../lib/scoring";
import type { ScoreSettings } from "../../lib/scoring";
import { scoreFolders } from "./score-folders";

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
        // Loaded only here (zod, jsonc-parser): experiment folders do not need them.
        const { readInput } = await import("./score-input");
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
