// eval_measurements.csv → eval series (ingest/algoperf/eval-csv.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseEvalCsv } from "@/ingest/algoperf/eval-csv";

const fixture = readFileSync(path.resolve("tests/fixtures/algoperf_v06_selftuning_logs/schedule_free_adamw_v2/study_0/fastmri_pytorch/trial_1/eval_measurements.csv"), "utf8");

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
    expect(parseEvalCsv(csv, "validation/loss")).toEqual({ steps: [0, 10, 20, 30, 40], times: [1.5, 2.5, 3.5, 4.5, 5.5], metrics: [null, null, null, null, 0.25], timeColumn: "score", metricName: "validation/loss" });
  });

  test("CRLF line ends, a byte-order mark, quoted fields and float-formatted steps", () => {
    const csv = '\uFEFFglobal_step,"score",validation/loss\r\n"100.0",12.5,0.5\r\n200,25,"0.25"\r\n';
    expect(parseEvalCsv(csv, "validation/loss")).toMatchObject({ steps: [100, 200], times: [12.5, 25], metrics: [0.5, 0.25] });
  });

  test("older logs without `score` use accumulated_submission_time (identical by SCORING.md §1.1)", () => {
    const csv = "global_step,accumulated_submission_time,validation/wer\n1,3.25,0.9\n";
    expect(parseEvalCsv(csv, "validation/wer")).toMatchObject({ timeColumn: "accumulated_submission_time", times: [3.25] });
  });

  test("errors name the column, and the line for a bad value", () => {
    expect(() => parseEvalCsv("global_step,score\n1,2\n", "validation/ssim")).toThrow('no column "validation/ssim" (columns: global_step, score)');
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,,0.5\n", "validation/ssim")).toThrow('line 2, column "score": "" is not a time');
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,5,0.5\n1.5,6,0.5\n", "validation/ssim")).toThrow('line 3, column "global_step": "1.5" is not a step');
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,-5,0.5\n", "validation/ssim")).toThrow("is not a time");
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n1,5,-0.5\n", "validation/ssim")).toThrow("is negative");
    expect(() => parseEvalCsv("global_step,score,validation/ssim\n", "validation/ssim")).toThrow("no evaluations");
    expect(() => parseEvalCsv("", "validation/ssim")).toThrow("empty");
  });
});
