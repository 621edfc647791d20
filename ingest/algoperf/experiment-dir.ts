// AlgoPerf experiment folders as the official runner writes them and the
// official scorer reads them (SCORING.md §2.1):
//   <submission>/study_<k>/<workload>_<framework>/trial_<j>/eval_measurements.csv
// (+ hparams.json, meta_data_<n>.json). A path is either one submission
// folder or a folder of submission folders.
//
// Trial order decides ties (SCORING.md §2.2: the first listed trial wins),
// and the scorer lists trial folders with os.listdir, i.e. in the order the
// file system returns them. fs.opendir gives that same order; fs.readdir
// sorts names (libuv scandir) and would change published scores (v0.6
// external Baseline: 0.4590 with directory order, 0.4716 sorted).
import { opendir, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { workloadFromDirectory } from "@/lib/scoring";

export type TrialOrder = "directory" | "name";

export interface TrialFolder {
  submission: string;
  study: number;
  /** e.g. ogbg_pytorch */
  workloadDir: string;
  /** e.g. ogbg (SCORING.md §2.6: the folder name without _jax / _pytorch) */
  workload: string;
  framework: string | null;
  trial: number;
  /** Index in the listing of the workload folder's trials (the §2.2 tie order). */
  position: number;
  dir: string;
  /** study_0/ogbg_pytorch/trial_1: the run's client id, stable across re-uploads. */
  relative: string;
}

export interface SubmissionFolder {
  slug: string;
  dir: string;
  trials: TrialFolder[];
}

export interface ExperimentScan {
  submissions: SubmissionFolder[];
  /** Folders that were not read, with the reason. */
  skipped: string[];
}

const STUDY = /^study_(\d+)$/;
const TRIAL = /^trial_(\d+)$/;
const EVAL_FILE = "eval_measurements.csv";

/** Sub-folder names in directory order (as os.listdir returns them), or by name with numbers compared as numbers. */
export async function listFolders(dir: string, order: TrialOrder): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of await opendir(dir)) {
    if (entry.isDirectory() || entry.isSymbolicLink()) names.push(entry.name);
  }
  if (order === "name") names.sort(new Intl.Collator("en", { numeric: true }).compare);
  return names;
}

const byName = (names: string[]) => [...names].sort(new Intl.Collator("en", { numeric: true }).compare);

async function isSubmissionFolder(dir: string): Promise<boolean> {
  return (await listFolders(dir, "name")).some((n) => STUDY.test(n));
}

/**
 * The submissions and trials under `root`. `submission` names the slug of a
 * single submission folder (default: the folder name).
 * @throws Error when the layout is not recognised, when --submission is given
 *   for several submissions, or when a submission has one workload in two
 *   frameworks (the official scorer cannot pivot that, SCORING.md §2.6).
 */
export async function scanExperiment(root: string, options: { submission?: string; trialOrder: TrialOrder }): Promise<ExperimentScan> {
  const abs = path.resolve(root);
  let folders: { slug: string; dir: string }[];
  if (await isSubmissionFolder(abs)) {
    folders = [{ slug: options.submission ?? path.basename(abs), dir: abs }];
  } else {
    const children = byName(await listFolders(abs, "name"));
    folders = [];
    for (const name of children) if (await isSubmissionFolder(path.join(abs, name))) folders.push({ slug: name, dir: path.join(abs, name) });
    if (folders.length === 0) {
      throw new Error(
        `${root}: not an AlgoPerf submission folder (<submission>/study_<k>/<workload>_<framework>/trial_<j>/${EVAL_FILE}) nor a folder of submission folders`,
      );
    }
    if (options.submission !== undefined) {
      if (folders.length > 1) {
        throw new Error(`--submission names one submission, but ${root} holds ${folders.length}: ${folders.map((f) => f.slug).join(", ")}; pass one submission folder`);
      }
      folders[0]!.slug = options.submission;
    }
  }

  const skipped: string[] = [];
  const submissions: SubmissionFolder[] = [];
  for (const folder of folders) {
    const trials: TrialFolder[] = [];
    const frameworks = new Map<string, string>();
    for (const studyName of byName(await listFolders(folder.dir, "name"))) {
      const study = STUDY.exec(studyName);
      if (!study) {
        skipped.push(`${path.join(folder.dir, studyName)}: not a study_<k> folder`);
        continue;
      }
      const studyDir = path.join(folder.dir, studyName);
      for (const workloadDir of byName(await listFolders(studyDir, "name"))) {
        const workload = workloadFromDirectory(workloadDir);
        const framework = workload === workloadDir ? null : workloadDir.slice(workload.length + 1);
        const earlier = frameworks.get(workload);
        if (earlier !== undefined && earlier !== workloadDir) {
          throw new Error(`${folder.dir}: workload "${workload}" appears as "${earlier}" and "${workloadDir}"; the official scorer cannot score one workload in two frameworks (SCORING.md §2.6)`);
        }
        frameworks.set(workload, workloadDir);
        const wDir = path.join(studyDir, workloadDir);
        let position = 0;
        for (const trialName of await listFolders(wDir, options.trialOrder)) {
          const trial = TRIAL.exec(trialName);
          const dir = path.join(wDir, trialName);
          if (!trial) {
            skipped.push(`${dir}: not a trial_<j> folder`);
            continue;
          }
          // SCORING.md §2.1: a trial folder without eval_measurements.csv has no row upstream.
          if (!(await readdir(dir)).includes(EVAL_FILE)) {
            skipped.push(`${dir}: no ${EVAL_FILE}`);
            continue;
          }
          trials.push({
            submission: folder.slug,
            study: Number(study[1]),
            workloadDir,
            workload,
            framework,
            trial: Number(trial[1]),
            position: position++,
            dir,
            relative: `${studyName}/${workloadDir}/${trialName}`,
          });
        }
      }
    }
    submissions.push({ slug: folder.slug, dir: folder.dir, trials });
  }
  return { submissions, skipped };
}

export interface TrialFiles {
  csv: string;
  /** hparams.json, parsed, when present. */
  hparams: Record<string, unknown> | null;
  /** meta_data_<n>.json with the smallest n (the first start of the trial), parsed, when present. */
  meta: Record<string, unknown> | null;
}

export async function readTrialFiles(trial: TrialFolder): Promise<TrialFiles> {
  const names = await readdir(trial.dir);
  const csv = await readFile(path.join(trial.dir, EVAL_FILE), "utf8");
  const json = async (name: string) => {
    const text = await readFile(path.join(trial.dir, name), "utf8");
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch (e) {
      throw new Error(`${path.join(trial.dir, name)} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const metaName = names
    .map((n) => /^meta_data_(\d+)\.json$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))[0]?.[0];
  return {
    csv,
    hparams: names.includes("hparams.json") ? await json("hparams.json") : null,
    meta: metaName ? await json(metaName) : null,
  };
}

/**
 * Hardware and code commit from a runner's meta_data_<n>.json
 * (algoperf/logger_utils.py get_meta_data: gpu_model_name, gpu_count,
 * cpu_model_name, git_commit_hash).
 */
export function provenanceFromMeta(meta: Record<string, unknown> | null): { hardware: string | null; codeCommit: string | null } {
  if (!meta) return { hardware: null, codeCommit: null };
  const str = (k: string) => (typeof meta[k] === "string" && (meta[k] as string).trim() !== "" ? (meta[k] as string).trim() : null);
  const gpu = str("gpu_model_name");
  const gpus = typeof meta.gpu_count === "number" ? meta.gpu_count : null;
  const hardware = gpu ? `${gpus ?? 1}x ${gpu}` : str("cpu_model_name");
  return { hardware: hardware?.slice(0, 200) ?? null, codeCommit: str("git_commit_hash")?.slice(0, 100) ?? null };
}
