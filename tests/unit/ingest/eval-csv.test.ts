// eval_measurements.csv → eval series (ingest/algoperf/eval-csv.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseEvalCsv, type EvalSeries } from "@/ingest/algoperf/eval-csv";

const fixture = readFileSync(
  path.resolve("tests/fixtures/algoperf_v06_selftuning_logs/schedule_free_adamw_v2/study_0/fastmri_pytorch/trial_1/eval_measurements.csv"),
  "utf8",
);

describe("parseEvalCsv", () => {
  test("a real runner log: time = score, steps = global_step, metric = the named column, one entry per row", () => {
    const lines = fixture.trim().split("\n");
    const cols = lines[0]!.split(",");
    const rows = lines.slice(1).map((l) => l.split(","));
    const s = parseEvalCsv(fixture, "validation/ssim");
    expect(s.timeColumn).toBe("score");
    expect(s.times).toEqual(rows.map((r) => Number(r[cols.indexOf("score")])));
    expect(s.steps).toEqual(rows.map((r) => Number(r[cols.indexOf("global_step")])));
    expect(s.metrics).toEqual(rows.map((r) => Number(r[cols.indexOf("validation/ssim")])));
  });

  test("missing values as pandas writes and reads them (empty, nan, NaN, inf) become null", () => {
    const csv = "global_step,score,validation/loss\n0,1.5,\n10,2.5,nan\n20,3.5,NaN\n30,4.5,inf\n40,5.5,0.25\n";
    expect(parseEvalCsv(csv, "validation/loss")).toEqual({
      steps: [0, 10, 20, 30, 40],
      times: [1.5, 2.5, 3.5, 4.5, 5.5],
      metrics: [null, null, null, null, 0.25],
      timeColumn: "score",
      metricName: "validation/loss",
    });
  });

  test("CRLF line ends, a byte-order mark, quoted fields and float-formatted steps", () => {
    const csv = '\uFEFFglobal_step,"score",validation/loss\r\n"100.0",12.5,0.5\r\n200,25,"0.25"\r\n';
    expect(parseEvalCsv(csv, "validation/loss")).toMatchObject({ steps: [100, 200], times: [12.5, 25], metrics: [0.5, 0.25] });
  });

  test("older logs without `score` use accumulated_submission_time (identical by docs/scoring.md §1.1)", () => {
    const csv = "global_step,accumulated_submission_time,validation/wer\n1,3.25,0.9\n";
    expect(parseEvalCsv(csv, "validation/wer")).toMatchObject({ timeColumn: "accumulated_submission_time", times: [3.25] });
  });

  test("errors name the column, and the line for a bad value", () => {
    expect(() => parseEvalCsv("global_step,score\n1,2\n", "validation/ssim")).toThrow('no column "validation/ssim" (columns: global_step, score)');
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,,0.5\n", "validation/ssim")).toThrow('line 2, column "score": "" is not a time');
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,5,0.5\n1.5,6,0.5\n", "validation/ssim")).toThrow(
      'line 3, column "global_step": "1.5" is not a step',
    );
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,-5,0.5\n", "validation/ssim")).toThrow("is not a time");
    // docs/log-reader.md R7: a negative metric (SSIM lies in [-1, 1]) is a value like any other.
    expect(parseEvalCsv("global_step,score,validation/ssim\n1,5,-0.5\n", "validation/ssim").metrics).toEqual([-0.5]);
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n", "validation/ssim")).toThrow("no evaluations");
    expect(() => parseEvalCsv("", "validation/ssim")).toThrow("empty");
  });
});

// The plain-CSV reader must give what csv-parse gives, results and errors
// alike; it hands anything unusual (quotes, CR, padded fields, ragged rows)
// to csv-parse.
describe("parseEvalCsv: plain reader = csv-parse", () => {
  const outcome = (text: string, reader: "auto" | "csv-parse", numbers: "exact" | "pandas" = "exact") => {
    try {
      return { ok: parseEvalCsv(text, "validation/loss", { reader, numbers }) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const value = fc.oneof(
    fc.double({ noDefaultInfinity: true, noNaN: true, min: -1e6, max: 1e6 }).map(String),
    fc.integer({ min: -5, max: 10_000 }).map(String),
    fc.constantFrom("", "nan", "NaN", "inf", "-inf", "Infinity", "None", "NA", "null", "1e309", "0x10", "1.0", "7.", ".5", "abc", "constructor"),
    // Decimals of every shape the plain reader converts itself or hands to Number(): 1 to 22 digits, leading zeros, exponents.
    fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.stringMatching(/^[0-9]{0,12}$/),
        fc.constantFrom("", "."),
        fc.stringMatching(/^[0-9]{0,10}$/),
        fc.constantFrom("", "e5", "E-3", "e+22", "e-30", "e", "e400", "e-400"),
      )
      .map(([sign, int, point, frac, exp]) => sign + int + point + frac + exp),
    fc.double({ noDefaultInfinity: true, noNaN: true }).map((x) => x.toPrecision(17)),
  );
  const pad = fc.tuple(fc.constantFrom("", " ", "\t", "\u00a0"), fc.constantFrom("", " ", "\u2003"));
  const columns = fc.shuffledSubarray(["global_step", "score", "accumulated_submission_time", "validation/loss", "train/loss", "test/loss"], { minLength: 2 });
  // Plain logs are the plain reader's own ground (\n, no quotes or padding; but ragged
  // rows, blank lines, a BOM, odd values); the others have one kind of mess it must hand over.
  const csv = fc
    .tuple(
      fc.constantFrom("plain", "plain", "quotes", "padding", "crlf", "cr"),
      columns,
      fc.array(fc.array(fc.tuple(value, fc.integer({ min: 0, max: 3 }), pad), { minLength: 5, maxLength: 7 }), { maxLength: 6 }),
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([kind, header, rows, bom, trailing, blank]) => {
      const end = kind === "crlf" ? "\r\n" : kind === "cr" ? "\r" : "\n";
      const cell = ([v, k, [a, b]]: [string, number, [string, string]]) =>
        kind === "quotes" && k === 0 ? `"${v}"` : kind === "padding" && k < 2 ? a + v + b : v;
      const cells = rows.map((r) => r.map(cell).slice(0, header.length + (r.length % 3 === 0 ? 1 : 0)));
      const lines = [header.join(","), ...cells.map((r) => r.join(","))];
      if (blank > 0) lines.splice(Math.min(blank, lines.length), 0, "");
      return (bom ? "\uFEFF" : "") + lines.join(end) + (trailing ? end : "");
    });

  test("random logs: same series or the same error", () => {
    fc.assert(
      fc.property(csv, (text) => {
        expect(outcome(text, "auto")).toEqual(outcome(text, "csv-parse"));
        expect(outcome(text, "auto", "pandas")).toEqual(outcome(text, "csv-parse", "pandas"));
      }),
      { numRuns: 1000 },
    );
  });

  // Valid runner logs, so that the one-pass reader (readPlainSeries) converts every number itself or through Number().
  const decimal = (sign: fc.Arbitrary<string>) =>
    fc.oneof(
      fc
        .tuple(
          sign,
          fc.stringMatching(/^[0-9]{0,12}$/),
          fc.constantFrom("", "."),
          fc.stringMatching(/^[0-9]{0,10}$/),
          fc.constantFrom("", "e5", "E-3", "e+22", "e-23", "e-30", "e400", "e-400"),
        )
        .filter(([, int, , frac]) => int !== "" || frac !== "")
        .map(([s, int, point, frac, exp]) => s + int + (frac ? "." : point) + frac + exp),
      fc.double({ noDefaultInfinity: true, noNaN: true, min: 0 }).map((x) => x.toPrecision(17)),
      fc.double({ noDefaultInfinity: true, noNaN: true, min: 0 }).map(String),
    );
  const log = fc
    .array(
      fc.tuple(fc.nat({ max: 1e9 }), decimal(fc.constantFrom("", "+")), fc.oneof(decimal(fc.constantFrom("", "-", "+")), fc.constantFrom("", "nan", "inf"))),
      { minLength: 1, maxLength: 8 },
    )
    .map(
      (rows) =>
        ["accumulated_eval_time,global_step,score,validation/loss,note", ...rows.map(([step, time, metric]) => `1.5,${step},${time},${metric},x`)].join("\n") +
        "\n",
    );

  test("random valid logs: the one-pass reader gives csv-parse's series, exact and pandas numbers", () => {
    fc.assert(
      fc.property(log, (text) => {
        const fast = outcome(text, "auto");
        expect(fast).toEqual(outcome(text, "csv-parse"));
        expect(outcome(text, "auto", "pandas")).toEqual(outcome(text, "csv-parse", "pandas"));
      }),
      { numRuns: 2000 },
    );
  });

  test("a real runner log is read by the plain reader, identically", () => {
    expect(parseEvalCsv(fixture, "validation/ssim")).toEqual(parseEvalCsv(fixture, "validation/ssim", { reader: "csv-parse" }));
  });

  // docs/log-reader.md R11: `score` reads a trial up to its first hit (`until`).
  const hitOf = (s: { metrics: (number | null)[]; times: number[] }, target: number) => {
    const i = s.metrics.findIndex((m) => m !== null && m <= target);
    return i < 0 ? null : { i, time: s.times[i] };
  };
  test("random logs, read until the first hit: the full read's first hit, or the full read's error for what was read", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          csv.map((text) => ({ text, plain: false })),
          log.map((text) => ({ text, plain: true })),
        ),
        fc.double({ min: -10, max: 1e6, noNaN: true }),
        ({ text, plain }, target) => {
          const full = outcome(text, "auto", "pandas");
          let part: EvalSeries | undefined;
          let partError: string | undefined;
          try {
            part = parseEvalCsv(text, "validation/loss", { numbers: "pandas", until: (m) => m <= target });
          } catch (error) {
            partError = (error as Error).message;
          }
          if (full.ok) {
            // A prefix of the full series that ends at its first hit, or all of it when there is none; a
            // file that may not be a plain runner log (e.g. quoted fields, spaces) may be read whole (parseEvalCsv's doc).
            const hit = hitOf(full.ok, target);
            const n = hit ? hit.i + 1 : undefined;
            const prefix = { ...full.ok, steps: full.ok.steps.slice(0, n), times: full.ok.times.slice(0, n), metrics: full.ok.metrics.slice(0, n) };
            expect(plain ? [prefix] : [prefix, full.ok]).toContainEqual(part);
            expect(hitOf(part!, target)).toEqual(hit);
          } else if (part === undefined) {
            expect(partError).toBe(full.error);
          } else {
            // Read without error: the bad row comes after the first hit, where the reading stopped.
            expect(hitOf(part, target)?.i).toBe(part.metrics.length - 1);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("until the first hit: a bad row after it is not read, one before it is reported as before", () => {
    const after = "global_step,score,validation/loss\n0,1,0.9\n10,2,0.4\n20,oops,0.3\n";
    expect(() => parseEvalCsv(after, "validation/loss")).toThrow('line 4, column "score": "oops" is not a time');
    expect(parseEvalCsv(after, "validation/loss", { until: (m) => m <= 0.5 })).toMatchObject({ steps: [0, 10], times: [1, 2], metrics: [0.9, 0.4] });
    expect(() => parseEvalCsv(after, "validation/loss", { until: (m) => m <= 0.35 })).toThrow('line 4, column "score": "oops" is not a time');
    // NaN and empty cells never meet the target, whatever the predicate says (docs/log-reader.md R8).
    expect(parseEvalCsv("global_step,score,validation/loss\n0,1,nan\n10,2,\n20,3,0.2\n", "validation/loss", { until: () => true }).metrics).toEqual([
      null,
      null,
      0.2,
    ]);
  });
});
