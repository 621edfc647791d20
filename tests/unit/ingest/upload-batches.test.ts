import { describe, expect, test } from "vitest";
import { batchUploads, groupTrials } from "@/ingest/upload-batches";

const run = (submission: string, study: number) => ({ submission, workload: "w", study, trial: 1, timeToTarget: { reached: false } });

describe("batchUploads", () => {
  test("splits by run count and keeps order; each batch declares only the submissions it names", () => {
    const runs = [run("a", 0), run("a", 1), run("b", 0), run("b", 1), run("c", 0)];
    const batches = batchUploads({ round: "r", replace: false, submissions: [{ slug: "a" }, { slug: "b" }], runs, maxRuns: 2 });
    expect(batches.map((b) => b.runs.map((r) => `${r.submission}${r.study}`))).toEqual([["a0", "a1"], ["b0", "b1"], ["c0"]]);
    expect(batches.map((b) => b.submissions?.map((s) => s.slug))).toEqual([["a"], ["b"], undefined]);
  });

  test("splits by size too", () => {
    const runs = Array.from({ length: 10 }, (_, i) => run("a", i));
    const size = Buffer.byteLength(JSON.stringify(runs[0]));
    expect(batchUploads({ round: "r", replace: true, submissions: [], runs, maxRuns: 100, maxBytes: size * 3 + 3 }).map((b) => b.runs.length)).toEqual([
      3, 3, 3, 1,
    ]);
  });

  test("runs with eval series: no batch's runs are over the byte limit (sizes bounded without serialising the series)", () => {
    const evals = (n: number, k: number) => ({
      metricName: "validation/loss",
      steps: Array.from({ length: n }, (_, i) => i * 100),
      times: Array.from({ length: n }, (_, i) => i * 1.2345678901234567 + k),
      metrics: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : -1 / (i + k + 3))),
    });
    const runs = Array.from({ length: 40 }, (_, i) => ({ submission: "a", workload: "w", study: i, trial: 1, evals: evals(5 + (i % 9) * 20, i) }));
    const maxBytes = 20_000;
    const batches = batchUploads({ round: "r", replace: false, submissions: [], runs, maxRuns: 100, maxBytes });
    expect(batches.flatMap((b) => b.runs)).toEqual(runs);
    for (const b of batches) expect(b.runs.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)) + 1, 0)).toBeLessThanOrEqual(maxBytes);
    expect(batches.length).toBeGreaterThan(1);
  });

  test("never more runs per batch than the server takes (README: 10,000 runs per request)", () => {
    const runs = Array.from({ length: 11_001 }, (_, i) => run("a", i));
    expect(batchUploads({ round: "r", replace: false, submissions: [], runs, maxRuns: 20_000 }).map((b) => b.runs.length)).toEqual([10_000, 1001]);
  });
});

describe("groupTrials", () => {
  const sub = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}${i}`);
  const shape = (batches: string[][]) => batches.map((b) => b.join(" "));

  test("the first submission alone, then whole submissions together up to the run limit, in order", () => {
    const batches = groupTrials([sub("a", 3), sub("b", 2), sub("c", 2), sub("d", 3), sub("e", 1)], 5);
    expect(shape(batches)).toEqual(["a0 a1 a2", "b0 b1 c0 c1", "d0 d1 d2 e0"]);
  });

  test("a submission over the limit is split; its remainder is grouped with the next ones", () => {
    expect(shape(groupTrials([sub("a", 5), sub("b", 1)], 2))).toEqual(["a0 a1", "a2 a3", "a4 b0"]);
    expect(shape(groupTrials([sub("a", 2), sub("b", 5), sub("c", 1)], 2))).toEqual(["a0 a1", "b0 b1", "b2 b3", "b4 c0"]);
  });

  test("every trial exactly once; no batch over the limit; empty submissions skipped", () => {
    const subs = [sub("a", 0), sub("b", 7), sub("c", 1), sub("d", 0), sub("e", 4), sub("f", 9)];
    for (const max of [1, 2, 3, 5, 8, 100]) {
      const batches = groupTrials(subs, max);
      expect(batches.flat()).toEqual(subs.flat());
      for (const b of batches) expect(b.length).toBeGreaterThan(0);
      for (const b of batches) expect(b.length).toBeLessThanOrEqual(max);
    }
    expect(groupTrials([], 3)).toEqual([]);
  });
});
