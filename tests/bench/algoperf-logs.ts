// Raw AlgoPerf logs for the import benchmark: the AlgoPerf v0.5 external round
// (11 submissions, 14 workload folders incl. held-out variants, 5 studies × 5
// trials: 3,700 trials) written as the official runner lays them out,
//   <submission>/study_<k>/<workload>_<framework>/trial_<j>/eval_measurements.csv
// with each workload's real columns (as in tests/fixtures/algoperf_v06_selftuning_logs)
// and ~80 evaluations per trial (~74 MB). The series are synthetic but built
// so that every trial's first hit is exactly the published one
// (data/published/algoperf_leaderboards.json: hit_index, hit_time), so
// scoring the folders must give the official scores to the last bit.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AlgoperfRoundFile } from "@/ingest/published/files";
import { baseWorkloadOf, workloadFromDirectory } from "@/lib/scoring";
import { prng } from "./harness";

const FIXTURE = path.resolve("tests/fixtures/algoperf_v06_selftuning_logs/schedule_free_adamw_v2/study_0");

export function publishedRound(version: string, ruleset: "external" | "self-tuning"): AlgoperfRoundFile {
  const file = JSON.parse(readFileSync(path.resolve("data/published/algoperf_leaderboards.json"), "utf8")) as { rounds: AlgoperfRoundFile[] };
  const round = file.rounds.find((r) => r.benchmark_version === version && r.ruleset === ruleset);
  if (!round) throw new Error(`no published round ${version} ${ruleset}`);
  return round;
}

/** The header line of each base workload's eval_measurements.csv, from the fixture logs. */
function headers(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dir of readdirSync(FIXTURE)) {
    const text = readFileSync(path.join(FIXTURE, dir, "trial_1", "eval_measurements.csv"), "utf8");
    out.set(workloadFromDirectory(dir), text.slice(0, text.indexOf("\n")).split(","));
  }
  return out;
}

/** hparams.json and meta_data_0.json beside every CSV, as the runner writes them (provenance, docs/log-reader.md). */
function writeTrialExtras(dir: string, listed: number, random: () => number): void {
  writeFileSync(
    path.join(dir, "hparams.json"),
    JSON.stringify({ learning_rate: random() * 0.01, beta1: 0.9, weight_decay: random() * 0.1, warmup_factor: 0.05 }, null, 2),
  );
  const gpus = Object.fromEntries(Array.from({ length: 8 }, (_, g) => [`gpu.${g}.temp.current`, 40 + random() * 20]));
  writeFileSync(
    path.join(dir, "meta_data_0.json"),
    JSON.stringify(
      {
        os_platform: "Linux-5.15",
        python_version: "3.8.10",
        git_branch: "main",
        git_commit_hash: "4b01ee64c30dec442dd111abe31d40d80820fc70",
        cpu_model_name: "Intel(R) Xeon(R) CPU @ 2.00GHz",
        cpu_count: 64,
        gpu_model_name: "Tesla V100-SXM2-16GB",
        gpu_count: 8,
        gpu_driver: "535.104.05",
        rng_seed: 1000 + listed,
        ...gpus,
      },
      null,
      2,
    ),
  );
}

/** The published folder shapes around the trials (docs/log-reader.md R4, R6): a framework folder with only a .log, a trial folder without a CSV, .log files beside the workloads. */
function writeFolderQuirks(studyDir: string, workloadDir: string, random: () => number): void {
  writeFileSync(path.join(studyDir, `${workloadDir}_09-20-2024-21-58-00.log`), "version https://git-lfs.github.com/spec/v1\n");
  if (!workloadDir.endsWith("_jax") || random() < 0.7) return;
  const other = path.join(studyDir, workloadDir.replace(/_jax$/, "_pytorch"));
  mkdirSync(other, { recursive: true });
  writeFileSync(path.join(other, `${path.basename(other)}_03-07-2024-02-04-28.log`), "version https://git-lfs.github.com/spec/v1\n");
  const noCsv = path.join(studyDir, workloadDir, "trial_9");
  mkdirSync(noCsv, { recursive: true });
  writeFileSync(path.join(noCsv, "flags_0.json"), "{}");
}

export interface GeneratedLogs {
  root: string;
  files: string[];
  bytes: number;
  trials: number;
}

/**
 * Writes the round's logs under `root`. Trial folders are numbered in the
 * published listing order (trial_1 = the first listed), so reading them with
 * trialOrder "name" reproduces the official tie order (docs/scoring.md §2.2)
 * whatever order the file system lists them in.
 */
export function writeRoundLogs(round: AlgoperfRoundFile, root: string, options: { trials?: number; seed?: number; quirks?: boolean } = {}): GeneratedLogs {
  const random = prng(options.seed ?? 1);
  const cols = headers();
  const files: string[] = [];
  const total = Object.values(round.submissions).reduce(
    (n, dirs) => n + Object.values(dirs).reduce((m, studies) => m + Object.values(studies).reduce((k, t) => k + t.length, 0), 0),
    0,
  );
  const limit = options.trials ?? total;
  let bytes = 0;
  // More trials than the round has: copies of its submissions (<slug>_copy<k>); fewer: the first ones.
  const entries = Object.entries(round.submissions);
  for (let k = 0; files.length < limit; k++) {
    const [slug, dirs] = entries[k % entries.length]!;
    const copy = Math.floor(k / entries.length);
    const submission = copy === 0 ? slug : `${slug}_copy${copy}`;
    for (const [workloadDir, studies] of Object.entries(dirs)) {
      const workload = workloadFromDirectory(workloadDir);
      const spec = round.workload_specs[workload];
      if (!spec) throw new Error(`no workload spec for ${workload}`);
      const base = round.base_workloads.includes(workload) ? workload : baseWorkloadOf(workload, round.base_workloads);
      const header = cols.get(base ?? "");
      if (!header) throw new Error(`no fixture columns for ${workload}`);
      const metricCol = header.indexOf(spec.metric);
      const scoreCol = header.indexOf("score");
      const subTimeCol = header.indexOf("accumulated_submission_time");
      const stepCol = header.indexOf("global_step");
      if (metricCol < 0 || scoreCol < 0 || stepCol < 0) throw new Error(`${workload}: fixture header lacks ${spec.metric}, score or global_step`);
      const better = (x: number) => (spec.direction === "min" ? spec.target * (1 - 0.05 * x) : spec.target * (1 + 0.05 * x));
      const worse = (x: number) => (spec.direction === "min" ? spec.target * (1.001 + x) : spec.target * (1 - 0.001 - 0.9 * x));
      for (const [study, trials] of Object.entries(studies)) {
        trials.forEach((t, listed) => {
          if (files.length >= limit) return;
          const hit = t.hit_index;
          const n = Math.max(hit === null ? 0 : hit + 2, 60 + Math.floor(random() * 41));
          const last = t.hit_time !== null && hit !== null ? (t.hit_time * n) / (hit + 1) : spec.budget * (0.9 + 0.1 * random());
          const lines = [header.join(",")];
          let step = 0;
          for (let i = 0; i < n; i++) {
            step += 1 + Math.floor(random() * 2000);
            // Exactly the published time at the first hit; cumulative (strictly increasing) elsewhere.
            const time = hit !== null && i === hit ? t.hit_time! : hit !== null && i < hit ? (t.hit_time! * (i + 0.5)) / (hit + 1) : (last * (i + 1)) / n;
            const reached = hit !== null && i >= hit;
            let metric = reached ? better(random()) : worse(random() * (1 - i / n));
            // Quirk (docs/log-reader.md R7): early SSIM below zero, as in the published generalized_adam logs.
            if (options.quirks && !reached && i < 3 && spec.metric === "validation/ssim") metric = -0.05 * random();
            const row = header.map((c, k) => {
              // pandas writes NaN as an empty field; a "nan" text cell is NaN too (R8).
              if (k === metricCol) return i === 0 && !reached && random() < 0.05 ? (options.quirks && random() < 0.5 ? "nan" : "") : String(metric);
              if (k === scoreCol || k === subTimeCol) return String(time);
              if (k === stepCol) return String(step);
              if (c === "preemption_count") return "0";
              if (c.endsWith("num_examples")) return "3000";
              if (c.startsWith("test/") && random() < 0.02) return "";
              return String(random() * (c.includes("time") || c.includes("duration") ? 100_000 : 10));
            });
            lines.push(row.join(","));
          }
          const dir = path.join(root, submission, study, workloadDir, `trial_${listed + 1}`);
          mkdirSync(dir, { recursive: true });
          const file = path.join(dir, "eval_measurements.csv");
          const text = `${lines.join("\n")}\n`;
          writeFileSync(file, text);
          files.push(file);
          bytes += Buffer.byteLength(text);
          if (options.quirks) writeTrialExtras(dir, listed, random);
        });
        if (options.quirks) writeFolderQuirks(path.join(root, submission, study), workloadDir, random);
      }
    }
  }
  return { root, files, bytes, trials: files.length };
}
