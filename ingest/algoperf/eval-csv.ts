// eval_measurements.csv (one row per evaluation, written by the AlgoPerf
// runner's MetricLogger through pandas) → the eval series of the upload
// format. Pure: text in, arrays out; the caller reads the file.
import { parse } from "csv-parse/sync";

export interface EvalSeries {
  steps: number[];
  times: number[];
  /** null where the log has no finite value: pandas writes NaN as an empty field. */
  metrics: (number | null)[];
  /** The column the times came from: `score`, or `accumulated_submission_time` in logs without it. */
  timeColumn: string;
  metricName: string;
}

/** pandas.read_csv's default missing-value strings (they read as NaN). */
const PANDAS_NA = new Set(["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]);
const PANDAS_INF: Record<string, number> = { inf: Infinity, "+inf": Infinity, "-inf": -Infinity, Infinity: Infinity, "+Infinity": Infinity, "-Infinity": -Infinity };

function number(raw: string): number {
  if (PANDAS_NA.has(raw)) return NaN;
  if (raw in PANDAS_INF) return PANDAS_INF[raw]!;
  const n = Number(raw);
  return raw.trim() === "" ? NaN : n;
}

/**
 * The series of one trial. Time = the `score` column (SCORING.md §1.1: the
 * scorer's time_col; the runner writes accumulated_submission_time there, and
 * the two are identical in every published log, so older logs without
 * `score` fall back to accumulated_submission_time). Metric = `metricName`,
 * e.g. validation/ssim (§1.2). Steps = global_step.
 * @throws Error naming the column (and row) that cannot be used.
 */
export function parseEvalCsv(text: string, metricName: string): EvalSeries {
  const rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  const header = rows[0];
  if (!header) throw new Error("the file is empty: expected a header row and one row per evaluation");
  const column = (name: string) => header.indexOf(name);
  const timeColumn = column("score") >= 0 ? "score" : "accumulated_submission_time";
  const need = [timeColumn, "global_step", metricName];
  const missing = need.filter((c) => column(c) < 0);
  if (missing.length > 0) {
    throw new Error(`no column ${missing.map((c) => `"${c}"`).join(", ")} (columns: ${header.join(", ")})`);
  }
  const [ti, si, mi] = need.map(column) as [number, number, number];
  const out: EvalSeries = { steps: [], times: [], metrics: [], timeColumn, metricName };
  if (rows.length < 2) throw new Error("no evaluations: the file has a header but no rows");
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    // Line numbers as an editor shows them: the header is line 1.
    const at = (name: string) => `line ${r + 1}, column "${name}"`;
    const time = number(row[ti]!);
    if (!Number.isFinite(time) || time < 0) throw new Error(`${at(timeColumn)}: "${row[ti]}" is not a time (a finite number of seconds >= 0)`);
    const step = number(row[si]!);
    if (!Number.isInteger(step) || step < 0) throw new Error(`${at("global_step")}: "${row[si]}" is not a step (an integer >= 0)`);
    const metric = number(row[mi]!);
    if (metric < 0) throw new Error(`${at(metricName)}: "${row[mi]}" is negative`);
    out.times.push(time);
    out.steps.push(step);
    // NaN never meets a target (SCORING.md §1.3): null in the upload. Infinity
    // cannot travel in JSON either; it only "meets" a maximised target at +inf,
    // which no real log has, so it is sent as null too.
    out.metrics.push(Number.isFinite(metric) ? metric : null);
  }
  return out;
}
