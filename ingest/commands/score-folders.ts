// `score <folders...>`: the official score_submissions.py on AlgoPerf
// experiment folders, without a server. The folders are read by the official
// reader's rules (docs/log-reader.md), every trial's time-to-target and the
// pool's scores come from lib/scoring with the official settings
// (docs/scoring.md §4.3, §5.1), and --output-dir writes the same files as the
// official --output_dir: scores.csv, time_to_targets.csv,
// performance_profile_score.csv.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publishedRoundWorkloads, publishedRounds } from "../published";
import { readExperimentRound } from "../algoperf/experiment-round";
import type { TrialOrder } from "../algoperf/experiment-dir";
import { profileCsv, scoresCsv, timeToTargetsCsv } from "../algoperf/official-output";
import type { ScoringTargets } from "../algoperf/official-targets";
import { OFFICIAL_SETTINGS, poolFromRound, scorePool } from "@/lib/scoring";
import { skippedSummary } from "../algoperf/skipped";

export interface ScoreFoldersOptions {
  round?: string;
  targets?: string;
  selfTuning?: boolean;
  outputDir?: string;
  trialOrder: TrialOrder;
  json?: boolean;
}

/** Targets from --targets (official format) or --round (this repository's published rounds). */
async function targetsFor(options: ScoreFoldersOptions): Promise<ScoringTargets> {
  if (options.targets && options.round) throw new Error("pass either --round or --targets, not both");
  if (options.targets) return (await import("../algoperf/official-targets")).readTargetsFile(options.targets);
  if (!options.round) throw new Error("scoring folders needs the targets: --round <slug> (e.g. algoperf-v0.5-external) or --targets <workload_targets*.json>");
  const round = await publishedRoundWorkloads(options.round);
  if (!round) throw new Error(`no round "${options.round}"; rounds: ${(await publishedRounds()).map((r) => r.slug).join(", ")}`);
  return {
    source: `round ${round.slug}`,
    workloads: round.workloads.map((w) => ({ key: w.key, metricName: w.metricName, target: w.target, direction: w.direction })),
    baseWorkloads: round.workloads.filter((w) => w.role === "base").map((w) => w.key),
    heldOutWorkloads: round.workloads.filter((w) => w.role === "held_out").map((w) => w.key),
  };
}

export async function scoreFolders(paths: string[], options: ScoreFoldersOptions): Promise<void> {
  const started = performance.now();
  const targets = await targetsFor(options);
  const read = await readExperimentRound(paths, {
    workloads: targets.workloads,
    baseWorkloads: targets.baseWorkloads,
    heldOutWorkloads: targets.heldOutWorkloads,
    trialOrder: options.trialOrder,
    // The official reader's float parser, so that time_to_targets.csv is the official file byte for byte (docs/scoring.md §1.6).
    numbers: "pandas",
    // On a terminal only: in a log (CI, a pipe) the carriage returns would run the counts together on one line.
    onProgress: process.stderr.isTTY ? (trials) => process.stderr.write(`\rread ${trials} trials`) : undefined,
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  const pool = poolFromRound(read.round);
  // --self-tuning changes no score: the official ruleset flag only relaxes the trial-count check of strict mode (docs/scoring.md §2.4).
  let result;
  try {
    result = scorePool(pool, OFFICIAL_SETTINGS);
  } catch (e) {
    // e.g. the 2026 default workload_targets.json lists finewebedu_lm, which no v0.6 log has.
    throw new Error(
      `${e instanceof Error ? e.message : String(e)}; score with the targets of the benchmark version the logs were run with (--round, or a workload_targets file whose base workloads the logs have)`,
    );
  }
  const order = pool.submissions.map((s) => s.name);
  if (options.outputDir) {
    mkdirSync(options.outputDir, { recursive: true });
    writeFileSync(path.join(options.outputDir, "scores.csv"), scoresCsv(result, order));
    writeFileSync(path.join(options.outputDir, "time_to_targets.csv"), timeToTargetsCsv(pool));
    writeFileSync(path.join(options.outputDir, "performance_profile_score.csv"), profileCsv(result, order));
  }
  const ms = performance.now() - started;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ targets: targets.source, selfTuning: options.selfTuning ?? false, trials: read.trials, skipped: read.skipped, scores: result.scores, ranking: result.ranking }, null, 2)}\n`,
    );
    return;
  }
  const out = [
    `Scored ${order.length} submission(s) from ${read.trials} trials in ${(ms / 1000).toFixed(2)} s (targets: ${targets.source}${options.selfTuning ? "; self-tuning" : ""}):`,
  ];
  const width = Math.max(10, ...order.map((s) => s.length));
  out.push(`  ${"submission".padEnd(width)}  score`);
  for (const s of result.ranking) out.push(`  ${s.padEnd(width)}  ${result.scores[s]}`);
  if (options.outputDir) out.push(`Wrote scores.csv, time_to_targets.csv and performance_profile_score.csv to ${options.outputDir}.`);
  out.push(...skippedSummary(read.skipped));
  process.stdout.write(`${out.join("\n")}\n`);
}
