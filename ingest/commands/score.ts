// `score <input.json>`: score a pool from per-workload times or from one
// published round's per-trial results, and print the result as JSON
// (non-finite numbers as "inf" / "nan"). All rules live in lib/scoring.
import { statSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { scorePool, scoringReport, stringifyScoring } from "../../lib/scoring";
import type { ScoreSettings } from "../../lib/scoring";
import { scoreFolders } from "./score-folders";

/**
 * score_submissions.py's own flags (absl's snake_case), taken as they are by
 * `score <folders>`, so that its users can keep their command lines: the same
 * meaning as this command's flags. Hidden from the help, which names them in
 * the description.
 */
interface OfficialFlags {
  submission_directory?: string;
  workload_targets?: string;
  output_dir?: string;
  self_tuning_ruleset?: boolean;
  compute_performance_profiles?: boolean;
}

/** The official flags this command has no equivalent for, and why: refused by name rather than as unknown options. */
const UNSUPPORTED_OFFICIAL_FLAGS: Record<string, string> = {
  strict:
    "its only effect is to raise on trial and study counts other than the expected ones; the scores are the same without it (docs/scoring.md §2.5), and the summary lists what is missing",
  save_results_to_filename: "write time_to_targets.csv with --output-dir instead",
  load_results_from_filename: "score the folders again (cli score is ~20x faster than score_submissions.py)",
  include_submissions: "pass the submission folders to score instead of their parent folder",
  exclude_submissions: "pass the submission folders to score instead of their parent folder",
};

interface ScoreOptions extends OfficialFlags {
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
        "scored like the official score_submissions.py with --round or --targets (docs/log-reader.md). " +
        "score_submissions.py's flags work too: --submission_directory, --workload_targets, --output_dir, --self_tuning_ruleset, --compute_performance_profiles.",
    )
    .argument("[inputs...]", "one times or trials JSON file, or experiment folders")
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
    .addOption(new Option("--submission_directory <dir>").hideHelp())
    .addOption(new Option("--workload_targets <file>").hideHelp())
    .addOption(new Option("--output_dir <dir>").hideHelp())
    .addOption(new Option("--self_tuning_ruleset").hideHelp())
    .addOption(new Option("--compute_performance_profiles", "score_submissions.py computes no scores without it; this command always does").hideHelp())
    .addOption(new Option("--strict").hideHelp())
    .addOption(new Option("--save_results_to_filename <file>").hideHelp())
    .addOption(new Option("--load_results_from_filename <file>").hideHelp())
    .addOption(new Option("--include_submissions <names>").hideHelp())
    .addOption(new Option("--exclude_submissions <names>").hideHelp())
    .action(async function (this: Command, inputs: string[], options: ScoreOptions) {
      try {
        const folders = withOfficialFlags(inputs, options);
        if (folders.length === 0) throw new Error("pass experiment folders (or --submission_directory <dir>), or one JSON input file");
        if (folders.some((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory())) {
          await scoreFolders(folders, options);
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

/** The inputs with --submission_directory, and this command's options set from the official flags (which must not contradict them). */
function withOfficialFlags(inputs: string[], o: ScoreOptions): string[] {
  const flags = o as ScoreOptions & Record<string, unknown>;
  for (const [flag, instead] of Object.entries(UNSUPPORTED_OFFICIAL_FLAGS)) {
    if (flags[flag] !== undefined) throw new Error(`--${flag} (score_submissions.py) is not supported here: ${instead}`);
  }
  const same = (ours: string, official: string, a: unknown, b: unknown) => {
    if (a !== undefined && b !== undefined && a !== b) throw new Error(`pass ${ours} or ${official}, not both`);
  };
  same("--targets", "--workload_targets", o.targets, o.workload_targets);
  same("--output-dir", "--output_dir", o.outputDir, o.output_dir);
  o.targets ??= o.workload_targets;
  o.outputDir ??= o.output_dir;
  o.selfTuning ||= o.self_tuning_ruleset;
  return o.submission_directory === undefined ? inputs : [...inputs, o.submission_directory];
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
