// AlgoPerf experiment folders as the official runner writes them and the
// official scorer reads them (docs/scoring.md §2.1):
//   <submission>/study_<k>/<workload>_<framework>/trial_<j>/eval_measurements.csv
// (+ hparams.json, meta_data_<n>.json). A path is either one submission
// folder or a folder of submission folders.
//
// Trial order decides ties (docs/scoring.md §2.2: the first listed trial wins),
// and the scorer lists trial folders with os.listdir, i.e. in the order the
// file system returns them. fs.opendir gives that same order; fs.readdir
// sorts names (libuv scandir) and would change published scores (v0.6
// external Baseline: 0.4590 with directory order, 0.4716 sorted).
//
// The calls to the file system are synchronous: this runs in the CLI, which
// has nothing else to do meanwhile, and a round is thousands of small files,
// for which one synchronous call costs a fraction of a promise-based one
// (open, stat, read and close each a trip through the thread pool):
// reading the 3,700 logs of a round takes ~0.1 s instead of ~0.5 s even
// with 32 reads in flight (`npm run bench:import`). The functions stay async
// so that errors arrive as rejections, as before.
import { closeSync, existsSync, openSync, opendirSync, readFileSync, readSync, readdirSync } from "node:fs";
import path from "node:path";
import { workloadFromDirectory } from "@/lib/scoring";

export type TrialOrder = "directory" | "name";

export interface TrialFolder {
  submission: string;
  study: number;
  /** e.g. ogbg_pytorch */
  workloadDir: string;
  /** e.g. ogbg (docs/scoring.md §2.6: the folder name without _jax / _pytorch) */
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
/** docs/log-reader.md R5: the official reader takes every entry that re.match(r'trial_(\d+)') accepts, i.e. any name starting so. */
const TRIAL_PREFIX = /^trial_\d+/;
/** docs/log-reader.md R3: scoring_utils.TIMESTAMP, appended to the experiment folder's name. */
const TIMESTAMP = /^-\d{4}(?:-\d{2}){5}/;
export const EVAL_FILE = "eval_measurements.csv";

/** Sub-folder names in directory order (as os.listdir returns them), or by name with numbers compared as numbers. */
export async function listFolders(dir: string, order: TrialOrder): Promise<string[]> {
  return subfolders(dir, order);
}

const numeric = new Intl.Collator("en", { numeric: true }).compare;

function subfolders(dir: string, order: TrialOrder): string[] {
  if (order === "name") {
    // One readdir call instead of a directory handle (half the cost). It lists by byte order, not
    // directory order, which only shows where two names compare equal (trial_1, trial_01): then
    // the handle's listing, whose order such ties keep.
    const names = anySubfolders(dir).sort(numeric);
    for (let i = 1; i < names.length; i++) if (numeric(names[i - 1]!, names[i]!) === 0) return inDirectoryOrder(dir).sort(numeric);
    return names;
  }
  return inDirectoryOrder(dir);
}

/** Sub-folder names in no particular order. */
function anySubfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
    .map((entry) => entry.name);
}

function inDirectoryOrder(dir: string): string[] {
  const names: string[] = [];
  const handle = opendirSync(dir);
  try {
    for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
      if (entry.isDirectory() || entry.isSymbolicLink()) names.push(entry.name);
    }
  } finally {
    handle.closeSync();
  }
  return names;
}

const byName = (names: string[]) => [...names].sort(numeric);

function isSubmissionFolder(dir: string): boolean {
  return anySubfolders(dir).some((n) => STUDY.test(n));
}

/** The prefix `<dir>` of a `<dir>-YYYY-MM-DD-HH-MM-SS…` folder name, if it has one. */
function siblingOf(name: string, names: ReadonlySet<string>): string | null {
  // The official filter re.match(experiment_dir + TIMESTAMP, x) anchors at the start only, so anything may follow the timestamp.
  for (let end = name.indexOf("-"); end > 0; end = name.indexOf("-", end + 1)) {
    const prefix = name.slice(0, end);
    if (names.has(prefix) && TIMESTAMP.test(name.slice(end))) return prefix;
  }
  return null;
}

/**
 * The folders of one experiment as the official get_experiment_df globs them
 * (docs/log-reader.md R3): `<dir>` and its siblings `<dir>-<timestamp>…`, in the
 * parent's directory order (glob.glob does not sort).
 */
function experimentDirs(dir: string, order: TrialOrder): string[] {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const names = subfolders(parent, order);
  const set = new Set(names);
  return names.filter((n) => n === base || siblingOf(n, set) === base).map((n) => path.join(parent, n));
}

interface SubmissionDirs {
  slug: string;
  /** The folder named by the submission (or given on the command line). */
  main: string;
  /** The experiment folder and its timestamped siblings (R3). */
  dirs: string[];
}

/** Submission folders under `root` (R1), with their merged siblings (R3). */
function submissionFolders(root: string, abs: string, options: { submission?: string; trialOrder: TrialOrder }, skipped: string[]): SubmissionDirs[] {
  if (isSubmissionFolder(abs)) {
    const dirs = experimentDirs(abs, options.trialOrder).filter((d) => d === abs || isSubmissionFolder(d));
    return [{ slug: options.submission ?? path.basename(abs), main: abs, dirs }];
  }
  // R1: submissions in the order os.listdir gives them (the official main's order), or by name.
  const children = subfolders(abs, options.trialOrder).filter((name) => isSubmissionFolder(path.join(abs, name)));
  const names = new Set(children);
  const out: SubmissionDirs[] = [];
  for (const name of children) {
    const prefix = siblingOf(name, names);
    if (prefix !== null) {
      skipped.push(`${path.join(abs, name)}: merged into ${prefix} (R3)`);
      continue;
    }
    out.push({ slug: name, main: path.join(abs, name), dirs: experimentDirs(path.join(abs, name), options.trialOrder).filter((d) => isSubmissionFolder(d)) });
  }
  if (out.length === 0) {
    throw new Error(
      `${root}: not an AlgoPerf submission folder (<submission>/study_<k>/<workload>_<framework>/trial_<j>/${EVAL_FILE}) nor a folder of submission folders${layoutHint(abs)}`,
    );
  }
  if (options.submission !== undefined) {
    if (out.length > 1) {
      throw new Error(`--submission names one submission, but ${root} holds ${out.length}: ${out.map((f) => f.slug).join(", ")}; pass one submission folder`);
    }
    out[0]!.slug = options.submission;
  }
  return out;
}

/** Folders looked at for a hint: a wrong folder (a home folder, say) costs a few listings, not a walk of the tree. */
const HINT_FOLDERS = 50;

/** A listing that fails (unreadable, gone) counts as no folders: a hint is never the error. */
function readable<T>(read: () => T, otherwise: T): T {
  try {
    return read();
  } catch {
    return otherwise;
  }
}

/**
 * Where to look instead, when `abs` is no submission folder nor holds any: the
 * submission folder it lies in (the user passed a study, workload or trial
 * folder), or the folders of submission folders it holds (the published
 * leaderboards' logs/ folder, whose external_tuning/ and self_tuning/ are two
 * rounds). "" when neither.
 */
function layoutHint(abs: string): string {
  // A trial folder is three levels below its submission folder.
  for (let dir = path.dirname(abs), up = 0; up < 3 && dir !== path.dirname(dir); dir = path.dirname(dir), up++) {
    if (readable(() => isSubmissionFolder(dir), false)) {
      return `; it lies inside the submission folder ${dir}: pass that folder (a submission is read whole), or the folder that holds it for all the submissions of a round`;
    }
  }
  const holders = readable(() => anySubfolders(abs), [])
    .slice(0, HINT_FOLDERS)
    .filter((name) =>
      readable(() => anySubfolders(path.join(abs, name)), [])
        .slice(0, HINT_FOLDERS)
        .some((child) => readable(() => isSubmissionFolder(path.join(abs, name, child)), false)),
    );
  return holders.length ? `; it holds folders of submission folders (${holders.sort().join(", ")}): pass one of them, one round per call` : "";
}

/**
 * The submissions and trials under `root`, read as the official reader reads
 * them (docs/log-reader.md). `submission` names the slug of a single
 * submission folder (default: the folder name).
 * @throws Error when the layout is not recognised, when --submission is given
 *   for several submissions, or for what the official scorer cannot score
 *   (R5: one workload in two frameworks, docs/scoring.md §2.6).
 */
export async function scanExperiment(root: string, options: { submission?: string; trialOrder: TrialOrder }): Promise<ExperimentScan> {
  const abs = path.resolve(root);
  const skipped: string[] = [];
  const submissions: SubmissionFolder[] = [];
  for (const folder of submissionFolders(root, abs, options, skipped)) {
    // A turn of the event loop per submission: requests the caller started before the scan (the
    // CLI asks for the round's spec) go out and are answered meanwhile, instead of after the scan.
    await new Promise((resolve) => setImmediate(resolve));
    const trials: TrialFolder[] = [];
    // R2: study folders, workload folders and trials in a fixed order; positions count per study and workload across merged siblings.
    const positions = new Map<string, number>();
    for (const dir of folder.dirs) {
      const sibling = dir === folder.main ? "" : `${path.basename(dir)}/`;
      for (const studyName of byName(subfolders(dir, "name"))) {
        const study = STUDY.exec(studyName);
        if (!study) {
          skipped.push(`${path.join(dir, studyName)}: not a study_<k> folder (R2)`);
          continue;
        }
        const studyDir = path.join(dir, studyName);
        for (const workloadDir of byName(subfolders(studyDir, "name"))) {
          const found = scanWorkloadFolder(
            { slug: folder.slug, study: Number(study[1]), studyName, studyDir, workloadDir, sibling, positions, trialOrder: options.trialOrder },
            skipped,
          );
          trials.push(...found);
        }
      }
    }
    checkFrameworks(folder.main, trials);
    submissions.push({ slug: folder.slug, dir: folder.main, trials });
  }
  return { submissions, skipped };
}

/** R5 (docs/scoring.md §2.6): one workload in two frameworks makes the official pivot raise; only folders that hold trials count (R4). */
function checkFrameworks(dir: string, trials: TrialFolder[]): void {
  const frameworks = new Map<string, string>();
  for (const t of trials) {
    const earlier = frameworks.get(t.workload);
    if (earlier !== undefined && earlier !== t.workloadDir) {
      throw new Error(
        `${dir}: workload "${t.workload}" has trials in "${earlier}" and "${t.workloadDir}"; the official scorer cannot score one workload in two frameworks ` +
          `(docs/scoring.md §2.6, docs/log-reader.md R5): keep the trials of one framework and move the other folder out of the submission`,
      );
    }
    frameworks.set(t.workload, t.workloadDir);
  }
}

interface WorkloadScan {
  slug: string;
  study: number;
  studyName: string;
  studyDir: string;
  workloadDir: string;
  /** "" or "<sibling folder>/": prefix of clientRunIds of trials from a merged sibling (R3). */
  sibling: string;
  positions: Map<string, number>;
  trialOrder: TrialOrder;
}

function scanWorkloadFolder(w: WorkloadScan, skipped: string[]): TrialFolder[] {
  const workload = workloadFromDirectory(w.workloadDir);
  const framework = workload === w.workloadDir ? null : w.workloadDir.slice(workload.length + 1);
  const wDir = path.join(w.studyDir, w.workloadDir);
  const key = `${w.studyName}/${w.workloadDir}`;
  const out: TrialFolder[] = [];
  for (const trialName of subfolders(wDir, w.trialOrder)) {
    const trial = TRIAL.exec(trialName);
    const dir = child(wDir, trialName);
    if (!trial) {
      if (TRIAL_PREFIX.test(trialName)) {
        throw new Error(
          `${dir}: the official scorer reads this folder as a trial (its name starts with trial_<j>), but a run needs a plain trial_<j> name: rename it or move it out (docs/log-reader.md R5)`,
        );
      }
      skipped.push(`${dir}: not a trial_<j> folder (R5)`);
      continue;
    }
    // R6: a trial folder without eval_measurements.csv has no row upstream (docs/scoring.md §2.1).
    // One stat, not a listing: `score` reads nothing else of the folder (readTrialFiles lists it for the upload).
    if (!existsSync(child(dir, EVAL_FILE))) {
      skipped.push(`${dir}: no ${EVAL_FILE} (R6)`);
      continue;
    }
    const position = w.positions.get(key) ?? 0;
    w.positions.set(key, position + 1);
    out.push({
      submission: w.slug,
      study: w.study,
      workloadDir: w.workloadDir,
      workload,
      framework,
      trial: Number(trial[1]),
      position,
      dir,
      relative: `${w.sibling}${w.studyName}/${w.workloadDir}/${trialName}`,
    });
  }
  // R4: a workload folder without trials (e.g. only a .log file) contributes nothing.
  if (out.length === 0 && !skipped.some((s) => s.startsWith(`${wDir}${path.sep}`))) skipped.push(`${wDir}: no trial_<j> folder with ${EVAL_FILE} (R4)`);
  return out;
}

export interface TrialFiles {
  csv: string;
  /** hparams.json, parsed, when present. */
  hparams: Record<string, unknown> | null;
  /** meta_data_<n>.json with the smallest n (the first start of the trial), parsed, when present. */
  meta: Record<string, unknown> | null;
  /** Its file name. */
  metaFile: string | null;
}

/**
 * path.join(dir, name) for a name read from a listing (no separator, not "." or
 * ".."): the same string when dir is normalised, without path.join's
 * normalisation. Called ~4 times per trial: path.join there was hot enough for
 * V8 to optimise join and normalize during every upload (~50 ms of compiler
 * CPU, docs/performance.md).
 */
function child(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** The runner's first meta_data file: the smallest n whenever it is there ("meta_data_0.json" also sorts before "meta_data_00.json"). */
const FIRST_META = "meta_data_0.json";

export function readTrialFiles(trial: TrialFolder): TrialFiles {
  const csv = readEvalFile(trial);
  // The runner writes hparams.json and meta_data_0.json into every trial folder: both are opened
  // straight away, without listing the folder (~7 µs a trial here). When one cannot be read, the
  // folder is listed and read as before, which gives the same files, or the same error.
  const hparams = readIfThere(child(trial.dir, "hparams.json"));
  const meta = hparams === undefined ? undefined : readIfThere(child(trial.dir, FIRST_META));
  if (hparams === undefined || meta === undefined) return listedTrialFiles(trial, csv);
  return { csv, hparams: jsonObject(trial.dir, "hparams.json", hparams), meta: jsonObject(trial.dir, FIRST_META, meta), metaFile: FIRST_META };
}

/** The file's text, or undefined when it cannot be read (missing, a folder, …). */
function readIfThere(file: string): string | undefined {
  try {
    return readText(file);
  } catch {
    return undefined;
  }
}

/** Reused by readText: a trial's files are read one after the other, each into this buffer first. */
const READ_BUFFER = Buffer.allocUnsafe(1 << 20);

/**
 * readFileSync(file, "utf8"), for the ~11,000 small files of a round: into
 * one reused buffer (no stat, no buffer per file), then decoded, so the text
 * is the same; a file that fills the buffer is read again whole.
 */
function readText(file: string): string {
  const fd = openSync(file, "r");
  let n: number;
  try {
    n = readSync(fd, READ_BUFFER, 0, READ_BUFFER.length, 0);
  } finally {
    closeSync(fd);
  }
  return n < READ_BUFFER.length ? READ_BUFFER.toString("utf8", 0, n) : readFileSync(file, "utf8");
}

function jsonObject(dir: string, name: string, text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch (e) {
    throw new Error(`${path.join(dir, name)} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** hparams.json and the first meta_data_<n>.json of a trial folder, found by listing it. */
function listedTrialFiles(trial: TrialFolder, csv: string): TrialFiles {
  const names = readdirSync(trial.dir);
  const json = (name: string) => jsonObject(trial.dir, name, readFileSync(path.join(trial.dir, name), "utf8"));
  const metaName = names
    .map((n) => /^meta_data_(\d+)\.json$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))[0]?.[0];
  return {
    csv,
    hparams: names.includes("hparams.json") ? json("hparams.json") : null,
    meta: metaName ? json(metaName) : null,
    metaFile: metaName ?? null,
  };
}

/** The upload's provenance object from a runner's meta_data_<n>.json (null fields left out). */
export function provenanceRecord(meta: Record<string, unknown> | null, source: string | null): Record<string, string | number> | null {
  if (!meta) return null;
  const str = (k: string, max: number) =>
    typeof meta[k] === "string" && (meta[k] as string).trim() !== "" ? (meta[k] as string).trim().slice(0, max) : undefined;
  const int = (k: string) => (Number.isSafeInteger(meta[k]) && (meta[k] as number) >= 0 ? (meta[k] as number) : undefined);
  const out = {
    gpuModel: str("gpu_model_name", 200),
    gpuCount: int("gpu_count"),
    gpuDriver: str("gpu_driver", 100),
    cpuModel: str("cpu_model_name", 200),
    cpuCount: int("cpu_count"),
    seed: Number.isSafeInteger(meta.rng_seed) ? (meta.rng_seed as number) : undefined,
    gitBranch: str("git_branch", 200),
    python: str("python_version", 100),
    os: str("os_platform", 200),
    source: source?.slice(0, 200),
  };
  const kept = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  return Object.keys(kept).length > (source ? 1 : 0) ? kept : null;
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

/** The trial's eval_measurements.csv as text (`upload` and `score` alike). */
export function readEvalFile(trial: Pick<TrialFolder, "dir">): string {
  return readText(child(trial.dir, EVAL_FILE));
}
