// eval_measurements.csv (one row per evaluation, written by the AlgoPerf
// runner's MetricLogger through pandas) → the eval series of the upload
// format. Pure: text in, arrays out; the caller reads the file.
//
// Two readers, one result: the runner's logs are plain CSV (no quotes, \n
// line ends, nothing to trim), which a scan for the three columns we need
// reads about ten times faster than a full CSV parser (a round is 74 MB of
// logs: `npm run bench:import`). Anything else (quotes, CR line ends, a
// whitespace or non-ASCII character at the edge of a field we read, a row
// with another column count) goes to csv-parse, so quoting, CRLF, BOM,
// trimming and its errors behave exactly as before. Numbers are converted the
// same way in both cases (correctly rounded like JS Number(), docs/scoring.md
// §1.6, or as pandas does; ingest/algoperf/log-numbers.ts).
import { createRequire } from "node:module";
import type { parse as ParseCsv } from "csv-parse/sync";
import { decimalAt, exactNumber, pandasNumber, type DecimalEnd } from "./log-numbers";

export interface EvalSeries {
  steps: number[];
  times: number[];
  /** null where the log has no finite value: pandas writes NaN as an empty field. */
  metrics: (number | null)[];
  /** The column the times came from: `score`, or `accumulated_submission_time` in logs without it. */
  timeColumn: string;
  metricName: string;
}

/**
 * The header of a plain runner log (no quotes, no CR): where its rows start and
 * the three columns' indices; null when the text needs the full parser (a
 * missing column is reported by it, after its own checks of the whole file).
 */
function plainHeader(text: string, metricName: string): { header: string[]; rowsStart: number; indices: ReturnType<typeof columnIndices> } | null {
  if (text.includes('"') || text.includes("\r")) return null;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Skip empty lines before the header, as csv-parse's skip_empty_lines does.
  while (pos < text.length && text.charCodeAt(pos) === 10) pos++;
  if (pos >= text.length) return null;
  let lineEnd = text.indexOf("\n", pos);
  if (lineEnd < 0) lineEnd = text.length;
  const header = text.slice(pos, lineEnd).split(",");
  if (!header.every(untrimmed)) return null;
  try {
    return { header, rowsStart: lineEnd + 1, indices: columnIndices(header, metricName) };
  } catch {
    return null;
  }
}

/**
 * The series straight from a plain runner log (the common case, in one pass:
 * no substrings for numbers it can convert itself); null when the text needs
 * the general readers (anything readPlain hands over) or holds a value that
 * parseEvalCsv refuses, so that errors come from the general path, unchanged.
 */
function readPlainSeries(text: string, metricName: string, pandas: boolean, until?: (metric: number) => boolean): EvalSeries | null {
  const head = plainHeader(text, metricName);
  if (!head) return null;
  const { header, indices } = head;
  const { ti, si, mi, timeColumn } = indices;
  const end = text.length;
  let lineEnd: number;
  const last = Math.max(ti, si, mi);
  const width = header.length;
  const convert = pandas ? pandasNumber : exactNumber;
  const decimal: DecimalEnd = { end: 0 };
  const out: EvalSeries = { steps: [], times: [], metrics: [], timeColumn, metricName };
  let pos = head.rowsStart;
  while (pos < end) {
    lineEnd = text.indexOf("\n", pos);
    if (lineEnd < 0) lineEnd = end;
    if (lineEnd === pos) {
      pos++;
      continue;
    }
    let time: number | null = NaN;
    let step: number | null = NaN;
    let metric: number | null = NaN;
    let start = pos;
    let f = 0;
    for (; ; f++) {
      let stop: number;
      if (f === ti || f === si || f === mi) {
        // A field parseEvalCsv would convert the same way: a plain decimal read in the same pass that finds
        // the field's end; anything else (also an empty field) through its text.
        let v: number | null | undefined = decimalAt(text, start, pandas, decimal);
        stop = decimal.end;
        const c = text.charCodeAt(stop);
        if (v === undefined || (c !== 44 && c !== 10 && stop !== end)) {
          stop = text.indexOf(",", start);
          if (stop < 0 || stop > lineEnd) stop = lineEnd;
          const raw = text.slice(start, stop);
          v = raw === "" ? NaN : untrimmed(raw) ? convert(raw) : null;
        }
        if (f === ti) time = v;
        if (f === si) step = v;
        if (f === mi) metric = v;
      } else {
        stop = text.indexOf(",", start);
        if (stop < 0 || stop > lineEnd) stop = lineEnd;
      }
      if (stop === lineEnd) break;
      start = stop + 1;
      // Past the last column needed, only the number of fields matters.
      if (f >= last) {
        for (;;) {
          f++;
          const next = text.indexOf(",", start);
          if (next < 0 || next > lineEnd) break;
          start = next + 1;
        }
        break;
      }
    }
    // Ragged rows, padded fields and values parseEvalCsv refuses: the general path reports them.
    if (f + 1 !== width || time === null || step === null || metric === null) return null;
    if (!Number.isFinite(time) || time < 0 || !Number.isInteger(step) || step < 0) return null;
    out.times.push(time);
    out.steps.push(step);
    // docs/log-reader.md R7, R8: any finite number is a value; NaN and infinity travel as null.
    const finite = Number.isFinite(metric);
    out.metrics.push(finite ? metric : null);
    // docs/log-reader.md R11: the rows after the first hit change no time-to-target.
    if (finite && until?.(metric)) break;
    pos = lineEnd + 1;
  }
  return out.times.length > 0 ? out : null;
}

/** The raw text of the three columns, row by row (rows[k] is on CSV record k + 1; the header is record 0). */
interface RawColumns {
  header: string[];
  times: string[];
  steps: string[];
  metrics: string[];
}

function columnIndices(header: string[], metricName: string): { timeColumn: string; ti: number; si: number; mi: number } {
  const column = (name: string) => header.indexOf(name);
  const timeColumn = column("score") >= 0 ? "score" : "accumulated_submission_time";
  const need = [timeColumn, "global_step", metricName];
  const missing = need.filter((c) => column(c) < 0);
  if (missing.length > 0) {
    throw new Error(`no column ${missing.map((c) => `"${c}"`).join(", ")} (columns: ${header.join(", ")})`);
  }
  const [ti, si, mi] = need.map(column) as [number, number, number];
  return { timeColumn, ti, si, mi };
}

/** A field the fast reader may take as is: csv-parse's `trim` would not change it (its trimmed characters are all <= 32 or >= 128). */
function untrimmed(s: string): boolean {
  if (s.length === 0) return true;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a > 32 && a < 128 && b > 32 && b < 128;
}

/** The plain-CSV reader; null when the text needs the full parser. */
function readPlain(text: string, metricName: string): RawColumns | null {
  const head = plainHeader(text, metricName);
  if (!head) return null;
  const { header, indices } = head;
  const { ti, si, mi } = indices;
  const end = text.length;
  let lineEnd: number;
  const width = header.length;
  const out: RawColumns = { header, times: [], steps: [], metrics: [] };
  let pos = head.rowsStart;
  while (pos < end) {
    lineEnd = text.indexOf("\n", pos);
    if (lineEnd < 0) lineEnd = end;
    if (lineEnd === pos) {
      pos++;
      continue;
    }
    let field = 0;
    let start = pos;
    let t = "";
    let s = "";
    let m = "";
    for (;;) {
      let stop = text.indexOf(",", start);
      const last = stop < 0 || stop > lineEnd;
      if (last) stop = lineEnd;
      if (field === ti || field === si || field === mi) {
        const raw = text.slice(start, stop);
        if (!untrimmed(raw)) return null;
        if (field === ti) t = raw;
        if (field === si) s = raw;
        if (field === mi) m = raw;
      }
      field++;
      if (last) break;
      start = stop + 1;
    }
    // csv-parse reports a row of another width (relax_column_count: false).
    if (field !== width) return null;
    out.times.push(t);
    out.steps.push(s);
    out.metrics.push(m);
    pos = lineEnd + 1;
  }
  return out;
}

/**
 * csv-parse, loaded on first use: runner logs seldom need it (plainHeader),
 * and loading it is part of every `cli upload`'s start-up otherwise, before
 * the first request can go (with jsonc-parser, loaded the same way by the
 * upload command: ~7 ms of a ~100 ms start).
 */
let csvParse: typeof ParseCsv | undefined;

function readFull(text: string, metricName: string): RawColumns {
  csvParse ??= (createRequire(import.meta.url)("csv-parse/sync") as { parse: typeof ParseCsv }).parse;
  const rows = csvParse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  const header = rows[0];
  if (!header) throw new Error("the file is empty: expected a header row and one row per evaluation");
  const { ti, si, mi } = columnIndices(header, metricName);
  const body = rows.slice(1);
  return { header, times: body.map((r) => r[ti]!), steps: body.map((r) => r[si]!), metrics: body.map((r) => r[mi]!) };
}

/**
 * The series of one trial. Time = the `score` column (docs/scoring.md §1.1: the
 * scorer's time_col; the runner writes accumulated_submission_time there, and
 * the two are identical in every published log, so older logs without
 * `score` fall back to accumulated_submission_time). Metric = `metricName`,
 * e.g. validation/ssim (§1.2). Steps = global_step. `reader: "csv-parse"`
 * skips the plain-CSV reader (the tests compare the two). `numbers: "pandas"`
 * converts numbers as pandas does (pandasNumber) instead of correctly rounded.
 * `until`: a plain runner log is read only up to the first row whose finite
 * metric passes it (docs/log-reader.md R11: `score` needs no row after the
 * first hit); the rows after it are not read, nor checked. Other files are
 * read whole, as without it.
 * @throws Error naming the column (and row) that cannot be used.
 */
export function parseEvalCsv(
  text: string,
  metricName: string,
  options: { reader?: "auto" | "csv-parse"; numbers?: "exact" | "pandas"; until?: (metric: number) => boolean } = {},
): EvalSeries {
  const number = options.numbers === "pandas" ? pandasNumber : exactNumber;
  if (options.reader !== "csv-parse") {
    const series = readPlainSeries(text, metricName, options.numbers === "pandas", options.until);
    if (series) return series;
  }
  const raw = (options.reader === "csv-parse" ? null : readPlain(text, metricName)) ?? readFull(text, metricName);
  const timeColumn = columnIndices(raw.header, metricName).timeColumn;
  const n = raw.times.length;
  if (n === 0) throw new Error("no evaluations: the file has a header but no rows");
  const out: EvalSeries = { steps: new Array<number>(n), times: new Array<number>(n), metrics: new Array<number | null>(n), timeColumn, metricName };
  // Line numbers as an editor shows them: the header is line 1, record k is on line k + 2.
  const at = (k: number, name: string) => `line ${k + 2}, column "${name}"`;
  for (let k = 0; k < n; k++) {
    const time = number(raw.times[k]!);
    if (!Number.isFinite(time) || time < 0) throw new Error(`${at(k, timeColumn)}: "${raw.times[k]}" is not a time (a finite number of seconds >= 0)`);
    const step = number(raw.steps[k]!);
    if (!Number.isInteger(step) || step < 0) throw new Error(`${at(k, "global_step")}: "${raw.steps[k]}" is not a step (an integer >= 0)`);
    // docs/log-reader.md R7: any number is a metric value (SSIM lies in [-1, 1]; a loss may be any finite number).
    const metric = number(raw.metrics[k]!);
    out.times[k] = time;
    out.steps[k] = step;
    // NaN never meets a target (docs/scoring.md §1.3): null in the upload. Infinity
    // cannot travel in JSON either; it only "meets" a maximised target at +inf,
    // which no real log has, so it is sent as null too.
    out.metrics[k] = Number.isFinite(metric) ? metric : null;
  }
  return out;
}
