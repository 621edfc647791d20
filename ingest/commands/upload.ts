// `upload <paths...>`: send results to a leaderboard server. Paths are JSON
// files in the upload format (/api/v1/schema/upload.json) or AlgoPerf
// experiment folders, whose eval series are sent so the server derives the
// time-to-target itself (docs/scoring.md §1). Batches, retries network errors and
// 5xx with backoff, and can simply be run again after an interruption: runs
// already stored are reported unchanged.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { encodeSeries } from "@/lib/ingest/packed-evals";
import { runIdentity, slugProblem, UPLOAD_LIMITS } from "@/lib/ingest/upload-limits";
import type { UploadInput } from "@/lib/ingest/upload-schema";
import type { UploadResult } from "@/lib/server/services/upload";
import { parseEvalCsv } from "../algoperf/eval-csv";
import {
  provenanceFromMeta,
  provenanceRecord,
  readTrialFiles,
  scanExperiment,
  type SubmissionFolder,
  type TrialFolder,
  type TrialOrder,
} from "../algoperf/experiment-dir";
import { nodeFetch } from "../http-transport";
import { createLeaderboardClient, errorIssues, errorStatus, messageHead, withRetry } from "../client";
import { batchUploads, groupTrials, type RunInput, type SubmissionInput } from "../upload-batches";
import { skippedSummary } from "../algoperf/skipped";

interface UploadOptions {
  url?: string;
  token?: string;
  round?: string;
  submission?: string;
  displayName?: string;
  baseAlgorithm?: string;
  family?: string;
  baseOptimizer?: string;
  horizon?: number;
  searchRank?: number;
  authors?: string;
  affiliation?: string;
  framework?: string;
  notes?: string;
  hardware?: string;
  codeCommit?: string;
  trialOrder: TrialOrder;
  batchSize: number;
  concurrency: number;
  retries: number;
  replace?: boolean;
  json?: boolean;
}

type RoundSpec = Awaited<ReturnType<ReturnType<typeof createLeaderboardClient>["ingest"]["round"]["query"]>>;

export function uploadCommand(): Command {
  return new Command("upload")
    .description(
      "Upload runs to a leaderboard round. <paths> are JSON files in the upload format (GET /api/v1/schema/upload.json) " +
        "or AlgoPerf experiment folders (<submission>/study_<k>/<workload>_<framework>/trial_<j>/eval_measurements.csv), " +
        "one submission folder or a folder of them. Safe to run again: stored runs are reported unchanged.",
    )
    .argument("<paths...>", "JSON files and/or experiment folders")
    .option("--url <base-url>", "server, e.g. https://leaderboard.example.org (default: $ALGOPERF_URL)")
    .option("--token <token>", "upload token (default: $ALGOPERF_TOKEN, which keeps it out of the process list)")
    .option("--round <round>", "round slug, e.g. algoperf-v0.6-self-tuning (default: the JSON files' round)")
    .option("--submission <slug>", "slug of a single submission folder (default: the folder name)")
    .option("--display-name <name>", "submission metadata: name shown on the leaderboard")
    .option("--base-algorithm <name>", "submission metadata, e.g. AdamW")
    .option("--family <family>", 'submission metadata, e.g. "schedule-free"')
    .option("--base-optimizer <name>", "submission metadata: Adam, Nadam or none")
    .option("--horizon <fraction>", "submission metadata: training horizon in (0, 1]", parseNumber)
    .option("--search-rank <n>", "submission metadata: search rank", parseInteger)
    .option("--authors <names>", "submission metadata")
    .option("--affiliation <text>", "submission metadata")
    .option("--framework <name>", "submission metadata: jax or pytorch")
    .option("--notes <text>", "submission metadata")
    .option("--hardware <text>", "hardware of every run (default: from meta_data_*.json)")
    .option("--code-commit <sha>", "code commit of every run (default: from meta_data_*.json)")
    .addOption(
      new Option(
        "--trial-order <order>",
        "order of trial folders, which breaks ties (docs/scoring.md §2.2): directory = as the file system lists them, like the official scorer; name = by trial number",
      )
        .choices(["directory", "name"])
        .default("directory"),
    )
    .option("--batch-size <n>", `runs per request (at most ${UPLOAD_LIMITS.runs})`, parseInteger, 1000)
    .option(
      "--concurrency <n>",
      "requests in flight at once (folders are read while the server writes; uploads of one submission queue on the server)",
      parseInteger,
      3,
    )
    .option("--retries <n>", "retries of a request after a network error or a 5xx answer", parseInteger, 5)
    .option("--replace", "replace stored runs (and metadata) that differ (only runs of submissions your token created, or with an admin token)")
    .option("--json", "print the result as JSON instead of a summary")
    .action(async function (this: Command, paths: string[], options: UploadOptions) {
      try {
        process.exitCode = await upload(paths, options);
      } catch (error) {
        this.error(`error: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 1 });
      }
    });
}

async function upload(paths: string[], options: UploadOptions): Promise<number> {
  const url = options.url ?? process.env.ALGOPERF_URL;
  const token = options.token ?? process.env.ALGOPERF_TOKEN;
  if (!url) throw new Error("no server: pass --url <base-url> or set ALGOPERF_URL");
  if (!token) throw new Error("no token: pass --token <token> or set ALGOPERF_TOKEN (an operator creates one with `npm run cli -- token create <name>`)");
  if (options.batchSize < 1 || options.batchSize > UPLOAD_LIMITS.runs) throw new Error(`--batch-size must be between 1 and ${UPLOAD_LIMITS.runs}`);
  const client = createLeaderboardClient({ url, token, fetch: nodeFetch });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const onRetry = (error: unknown, attempt: number, delay: number) =>
    log(`request failed (${describeFailure(error)}); retry ${attempt} of ${options.retries} in ${(delay / 1000).toFixed(1)} s`);

  // 1. What to send: JSON files as they are, folders as eval series.
  const files: { file: string; submissions: SubmissionInput[]; runs: RunInput[]; round: string; replace: boolean }[] = [];
  const folders: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new Error(`${p}: no such file or folder`);
    if (info.isDirectory()) folders.push(p);
    else files.push({ file: p, ...(await readUploadFile(p, options.round)) });
  }
  const round = options.round ?? files[0]?.round;
  if (!round) throw new Error("no round: pass --round <round> (e.g. algoperf-v0.6-self-tuning)");
  for (const f of files) if (f.round !== round) throw new Error(`${f.file} is for round "${f.round}", not "${round}"`);

  // Asked while the folders are scanned: the answer is needed only after the scan.
  const specAnswer = withRetry(() => client.ingest.round.query({ round }), { retries: options.retries, onRetry }).then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  );

  const submissions: SubmissionInput[] = files.flatMap((f) => f.submissions);
  const fileRuns: RunInput[] = files.flatMap((f) => f.runs);
  const skipped: string[] = [];
  const scanned: SubmissionFolder[] = [];
  for (const folder of folders) {
    const scan = await scanExperiment(folder, { submission: options.submission, trialOrder: options.trialOrder });
    skipped.push(...scan.skipped);
    scanned.push(...scan.submissions.filter((s) => s.trials.length > 0));
  }
  const asked = await specAnswer;
  if ("error" in asked) throw new Error(describeError(asked.error));
  const spec = asked.answer;
  skipped.push(...dropUnlistedVariants(scanned, spec));
  const folderSlugs = scanned.map((s) => s.slug);
  const metadata = submissionMetadata(options);
  if (Object.keys(metadata).length > 0 && new Set(folderSlugs).size !== 1) {
    throw new Error(`submission metadata options (${Object.keys(metadata).join(", ")}) need exactly one submission folder; found ${folderSlugs.length}`);
  }
  for (const slug of new Set(folderSlugs)) {
    if (!submissions.some((s) => s.slug === slug)) submissions.push({ slug, ...metadata });
  }
  const total = fileRuns.length + scanned.reduce((n, s) => n + s.trials.length, 0);
  if (total === 0) throw new Error(`nothing to upload: no runs in ${paths.join(", ")}${skipped.length ? `\nskipped:\n  ${skipped.join("\n  ")}` : ""}`);
  // Checked before the first request, so a folder the round cannot take stops the upload before anything is sent.
  const roundWorkloads = new Set(spec.workloads.map((w) => w.key));
  for (const s of scanned) {
    checkSlug(s, options.submission, scanned.length);
    checkRunIdentities(s);
    const t = s.trials.find((x) => !roundWorkloads.has(x.workload));
    if (t) throw new Error(noWorkload(t, spec));
  }

  // 2. Send: folders are read one batch at a time (memory stays bounded by the
  // batches in flight), while up to --concurrency requests are with the server.
  // Batches hold whole submissions (groupTrials), the first one alone.
  const replace = options.replace ?? files.some((f) => f.replace);
  const batchOf = (runs: RunInput[]) => batchUploads({ round, replace, submissions, runs, maxRuns: options.batchSize });
  async function* batches(): AsyncGenerator<UploadInput> {
    yield* batchOf(fileRuns);
    const groups = groupTrials(
      scanned.map((s) => s.trials),
      options.batchSize,
    );
    for (const trials of groups) yield* batchOf(await readRuns(trials, spec, options));
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: "uploading [{bar}] {value}/{total} runs | {eta_formatted} left", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const sent = await sendAll(batches(), {
    concurrency: Math.max(1, options.concurrency),
    send: (batch) => withRetry(() => client.ingest.upload.mutate(batch), { retries: options.retries, onRetry }),
    onDone: (n) => bar.increment(n),
  });
  bar.stop();
  const results = sent.results;
  if (sent.error) {
    const done = results.reduce((n, r) => n + r.result.counts.runs, 0);
    log(`error: ${describeError(sent.error.error, (i) => sent.error!.labels[i] ?? "?")}`);
    log(
      done === 0
        ? "No run was stored. Fix the problem and run the same command again."
        : `${done} of ${total} runs were stored before this error (${results.length} request${results.length === 1 ? "" : "s"}). ` +
            "Fix the problem and run the same command again: stored runs are reported unchanged.",
    );
    return 1;
  }

  // 3. Summary.
  const summary = summarize(
    results.map((r) => r.result),
    results.map((r) => r.labels),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ round, trialOrder: folders.length ? options.trialOrder : null, skipped, ...summary }, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  const c = summary.counts;
  out.push(
    `Uploaded ${c.runs} runs to ${round} in ${results.length} request${results.length === 1 ? "" : "s"}: ${c.created} created, ${c.unchanged} unchanged, ${c.replaced} replaced.`,
  );
  if (folders.length) {
    out.push(
      options.trialOrder === "directory"
        ? "Trial order: directory order (as Python's os.listdir returns it, which is what the official scorer uses to break ties, docs/scoring.md §2.2); --trial-order name sorts by trial number instead."
        : "Trial order: by trial number (--trial-order name); the official scorer uses directory order (os.listdir) to break ties (docs/scoring.md §2.2).",
    );
  }
  for (const s of summary.completeness) {
    const status = summary.submissions.find((x) => x.slug === s.submission)?.status ?? "unchanged";
    out.push(
      `Submission ${s.submission}${SUBMISSION_STATUS[status]}: ${runCounts(summary.runs, s.submission)}; ${s.presentRuns} of ${s.expected.runs} expected runs in the round (${s.expected.workloads.length} workloads × ${s.expected.studies} studies × ${s.expected.trials} trials)${s.complete ? "; complete." : "; incomplete:"}`,
    );
    for (const m of s.missing) out.push(`  ${m}`);
  }
  const overBudget = summary.runs.filter((r) => r.overBudget).length;
  if (overBudget) out.push(`${overBudget} run(s) reached the target at or past the budget: stored and flagged (docs/scoring.md §1.5).`);
  if (summary.warnings.length) {
    out.push(`Warnings (${summary.warnings.length}):`);
    for (const w of summary.warnings) out.push(`  ${w}`);
  }
  out.push(...skippedSummary(skipped));
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

async function readUploadFile(file: string, roundOption: string | undefined) {
  // Loaded only for JSON files, like the schema below: folders need neither (jsonc-parser is part of the CLI's start-up otherwise).
  const { jsonErrorText, parseJsonText } = await import("@/lib/ingest/json-syntax");
  let json: unknown;
  try {
    json = parseJsonText(await readFile(file, "utf8"));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${jsonErrorText(e)}`);
  }
  if (json && typeof json === "object" && !Array.isArray(json) && !("round" in json) && roundOption) json = { ...json, round: roundOption };
  // Loaded only for JSON files: folders need no schema here (the server checks what is sent).
  const { uploadSchema } = await import("@/lib/ingest/upload-schema");
  const parsed = uploadSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
    const more = parsed.error.issues.length > 20 ? `\n  ... and ${parsed.error.issues.length - 20} more` : "";
    throw new Error(`${file} is not in the upload format (GET /api/v1/schema/upload.json):\n${lines.join("\n")}${more}`);
  }
  // Sent as the file has it (the parsed form holds packedEvals decoded), with the schema's defaults.
  const input = json as UploadInput;
  return { round: parsed.data.round, replace: parsed.data.replace, submissions: input.submissions ?? [], runs: input.runs };
}

/**
 * A folder's name is its submission's slug unless --submission names it: one
 * that cannot be a slug is said once, with the way out, before anything is
 * sent (the server would refuse every run of it, each with the same issue).
 */
function checkSlug(s: SubmissionFolder, option: string | undefined, folders: number): void {
  const problem = slugProblem(s.slug);
  if (problem === null) return;
  if (option !== undefined) throw new Error(`--submission "${option}" cannot be a submission's slug (${problem})`);
  const fix = folders === 1 ? "pass --submission <slug> to name it" : "upload that folder alone with --submission <slug>, or rename it";
  throw new Error(`${s.dir}: "${s.slug}" cannot be a submission's slug (${problem}), which is the folder's name unless --submission gives one: ${fix}`);
}

/** R3 (docs/log-reader.md): merged sibling folders may repeat a trial number that the server cannot store twice. */
function checkRunIdentities(s: SubmissionFolder): void {
  const seen = new Map<string, string>();
  for (const t of s.trials) {
    const key = runIdentity({ submission: s.slug, workload: t.workload, study: t.study, trial: t.trial });
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new Error(
        `${t.dir} and ${earlier} are both ${key}: a run is stored per submission, workload, study and trial, so rename one trial folder (docs/log-reader.md R3); \`npm run cli -- score\` reads them as they are`,
      );
    }
    seen.set(key, t.dir);
  }
}

interface Sent {
  /** Each batch's result, with its runs' labels (runIdentity), by which the summary names runs. */
  results: { labels: string[]; result: UploadResult }[];
  error: { labels: string[]; error: unknown } | null;
}

/**
 * Sends batches as the generator yields them, up to `concurrency` at a time;
 * results in batch order; stops at the first error. One loop reads and sends
 * in turn: a batch is read only once the previous one is on its way, so the
 * server starts on the first batch while the next ones are read (readRuns
 * gives the event loop a turn every few trials, which is when fetch writes).
 */
async function sendAll(
  batches: AsyncIterator<UploadInput>,
  o: { concurrency: number; send: (b: UploadInput) => Promise<UploadResult>; onDone: (runs: number) => void },
): Promise<Sent> {
  const results: (Sent["results"][number] | undefined)[] = [];
  let error: Sent["error"] = null;
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; !error; i++) {
    const next = await batches.next();
    if (next.done) break;
    const batch = next.value;
    // Only the labels outlive the request: memory holds the batches in flight, not the whole upload.
    const labels = batch.runs.map(label);
    const sending: Promise<void> = o.send(batch).then(
      (result) => {
        results[i] = { labels, result };
        o.onDone(labels.length);
      },
      (e: unknown) => {
        error ??= { labels, error: e };
      },
    );
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
    while (inFlight.size >= o.concurrency && !error) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { results: results.filter((r) => r !== undefined), error };
}

/** Trials read between two turns of the event loop (~2 ms of reading on the bench round). */
const READ_SLICE = 16;

/** runsFromFolder, a slice at a time, letting the requests in flight go out and their answers in between. */
async function readRuns(trials: TrialFolder[], spec: RoundSpec, options: UploadOptions): Promise<RunInput[]> {
  const runs: RunInput[] = [];
  for (let i = 0; i < trials.length; i += READ_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    runs.push(...runsFromFolder(trials.slice(i, i + READ_SLICE), spec, options));
  }
  return runs;
}

/**
 * R12 (docs/log-reader.md): trials of a variant of one of the round's base
 * workloads that the round does not list are taken out of `scanned`, one
 * warning per workload folder; the official scorer leaves such variants out
 * of the score (only base and held-out workloads count). A workload that is no
 * variant of the round's is left in, and refused before anything is sent.
 */
function dropUnlistedVariants(scanned: SubmissionFolder[], spec: RoundSpec): string[] {
  const listed = new Set(spec.workloads.map((w) => w.key));
  const bases = spec.workloads.filter((w) => w.role === "base").map((w) => w.key);
  const warnings = new Set<string>();
  for (const s of scanned) {
    s.trials = s.trials.filter((t) => {
      if (listed.has(t.workload) || !bases.some((b) => t.workload.startsWith(`${b}_`))) return true;
      warnings.add(
        `${path.dirname(t.dir)}: variant "${t.workload}" is not a workload of round "${spec.slug}" and not scored by the official scorer either (R12); a round created with --variant ${t.workload} keeps such runs`,
      );
      return false;
    });
  }
  // A submission folder left without trials sends nothing (not even its submission).
  for (let i = scanned.length - 1; i >= 0; i--) if (scanned[i]!.trials.length === 0) scanned.splice(i, 1);
  return [...warnings];
}

function noWorkload(t: TrialFolder, spec: RoundSpec): string {
  return `${t.dir}: round "${spec.slug}" has no workload "${t.workload}" (from folder ${t.workloadDir}); workloads: ${spec.workloads.map((x) => x.key).join(", ")}`;
}

function runsFromFolder(trials: TrialFolder[], spec: RoundSpec, options: UploadOptions): RunInput[] {
  const workloads = new Map(spec.workloads.map((w) => [w.key, w]));
  const runs: RunInput[] = [];
  for (const t of trials) {
    const w = workloads.get(t.workload);
    if (!w) throw new Error(noWorkload(t, spec));
    const files = readTrialFiles(t);
    let series;
    try {
      series = parseEvalCsv(files.csv, w.metricName);
    } catch (e) {
      throw new Error(`${path.join(t.dir, "eval_measurements.csv")}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const provenance = provenanceFromMeta(files.meta);
    runs.push({
      submission: t.submission,
      workload: t.workload,
      study: t.study,
      trial: t.trial,
      position: t.position,
      clientRunId: t.relative,
      // Packed (lib/ingest/packed-evals.ts): no number text to print here or to parse on the server.
      packedEvals: { metricName: series.metricName, ...encodeSeries(series) },
      hardware: options.hardware ?? provenance.hardware,
      framework: t.framework,
      codeCommit: options.codeCommit ?? provenance.codeCommit,
      hyperparameters: files.hparams,
      provenance: provenanceRecord(files.meta, files.metaFile),
    });
  }
  return runs;
}

function submissionMetadata(o: UploadOptions): Omit<SubmissionInput, "slug"> {
  const m: Record<string, unknown> = {
    displayName: o.displayName,
    baseAlgorithm: o.baseAlgorithm,
    family: o.family,
    baseOptimizer: o.baseOptimizer,
    horizon: o.horizon,
    searchRank: o.searchRank,
    authors: o.authors,
    affiliation: o.affiliation,
    framework: o.framework,
    notes: o.notes,
  };
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
}

const label = (run: RunInput | undefined) => (run ? runIdentity(run) : "?");

/**
 * What the upload did to a submission's row, beside its name. The row's status
 * alone read as the runs' ("Submission amos (unchanged)" after "3700 replaced"),
 * so the runs' counts follow it (runCounts).
 */
const SUBMISSION_STATUS: Record<string, string> = { created: " (new)", updated: " (metadata updated)", unchanged: "" };

/** "310 runs sent: 310 replaced", "10 runs sent: 2 created, 8 unchanged": this upload's runs of one submission, by status. */
function runCounts(runs: readonly { submission: string; status: string }[], slug: string): string {
  const n = { created: 0, replaced: 0, unchanged: 0 } as Record<string, number>;
  for (const r of runs) if (r.submission === slug) n[r.status] = (n[r.status] ?? 0) + 1;
  const parts = Object.entries(n).filter(([, k]) => k > 0);
  if (parts.length === 0) return "no runs sent";
  const total = parts.reduce((sum, [, k]) => sum + k, 0);
  return `${total} run${total === 1 ? "" : "s"} sent: ${parts.map(([status, k]) => `${k} ${status}`).join(", ")}`;
}

/** Results of all batches as one: counts, per-run statuses, warnings with the runs named, final completeness per submission. */
function summarize(results: UploadResult[], labels: string[][]) {
  const counts = { runs: 0, created: 0, unchanged: 0, replaced: 0 };
  const runs: (UploadResult["runs"][number] & { batch: number })[] = [];
  const warnings: string[] = [];
  const completeness = new Map<string, UploadResult["completeness"][number]>();
  const submissions = new Map<string, string>();
  results.forEach((r, b) => {
    for (const k of ["runs", "created", "unchanged", "replaced"] as const) counts[k] += r.counts[k];
    runs.push(...r.runs.map((x) => ({ ...x, batch: b })));
    for (const w of r.warnings) warnings.push(renamePath(w.path, labels[b]!, w.message));
    for (const c of r.completeness) completeness.set(c.submission, c);
    for (const s of r.submissions)
      if (submissions.get(s.slug) !== "created") submissions.set(s.slug, s.status === "unchanged" ? (submissions.get(s.slug) ?? "unchanged") : s.status);
  });
  return { counts, submissions: [...submissions].map(([slug, status]) => ({ slug, status })), completeness: [...completeness.values()], warnings, runs };
}

/** "runs.3.evals.times.5: ..." of a batch → "<submission>/<workload>/study_k/trial_j: evals.times.5: ...". */
function renamePath(p: string, labels: string[], message: string): string {
  const m = /^runs\.(\d+)\.?(.*)$/.exec(p);
  if (!m) return `${p}: ${message}`;
  return `${labels[Number(m[1])] ?? "?"}${m[2] ? ` (${m[2]})` : ""}: ${message}`;
}

function describeFailure(error: unknown): string {
  const status = errorStatus(error);
  return status === null ? `no answer: ${error instanceof Error ? error.message : String(error)}` : `HTTP ${status}`;
}

/** Lines of issues printed at most, and runs named for one reason. */
const MAX_LINES = 30;
const RUNS_NAMED = 3;

/**
 * An error as the summary says it: the server's message, then its issues with
 * runs named by their folders (submission/workload/study_k/trial_j). Runs
 * refused for the same reason (a 403 on another token's submission, the same
 * difference in every run of a 409) share one line that names them.
 */
function describeError(error: unknown, labelRun?: (index: number) => string): string {
  const status = errorStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  const issues = errorIssues(error);
  if (status === null) return `the server could not be reached: ${message}`;
  if (issues.length === 0) return `HTTP ${status}: ${message}`;
  // The issues the server's message quotes are listed below.
  const said = messageHead(message);
  const head = `HTTP ${status}: ${said}`;
  const reasons = new Map<string, string[]>();
  for (const i of issues) {
    const m = labelRun ? /^runs\.(\d+)\.?(.*)$/.exec(i.path) : null;
    const run = m ? labelRun!(Number(m[1])) : null;
    const where = run === null ? i.path : `${run}${m![2] ? ` (${m![2]})` : ""}`;
    // "<run> differs from the stored run: ...": the run is named once, in front.
    const reason = run !== null && i.message.startsWith(`${run} `) ? i.message.slice(run.length + 1) : i.message;
    const runs = reasons.get(reason);
    if (runs) runs.push(where);
    else reasons.set(reason, [where]);
  }
  const lines = [...reasons].map(([reason, where]) => {
    if (where.length === 1) return `  ${where[0]}: ${reason}`;
    const named = where.slice(0, RUNS_NAMED).join(", ");
    return `  ${reason} (${where.length} runs: ${named}${where.length > RUNS_NAMED ? `, and ${where.length - RUNS_NAMED} more` : ""})`;
  });
  // One issue that the head says already (a closed round): said once.
  if (issues.length === 1 && said.includes(issues[0]!.message)) lines.length = 0;
  const more = lines.length > MAX_LINES ? `\n  ... and ${lines.length - MAX_LINES} more` : "";
  const replace =
    status === 409 && issues.some((i) => i.message.includes("replace: true"))
      ? "\nTo store what you sent instead, run the same command with --replace (runs of submissions your token created, or any with an admin token)."
      : "";
  return `${head}${lines.length ? `\n${lines.slice(0, MAX_LINES).join("\n")}` : ""}${more}${replace}`;
}

function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("not a finite number");
  return n;
}

function parseInteger(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("not an integer");
  return n;
}
