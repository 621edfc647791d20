// The CLI's warning about skipped folders (ingest/algoperf/skipped.ts): counts per rule, and the
// first folder of each rule shown even when another rule fills the first lines.
import { describe, expect, test } from "vitest";
import { skippedSummary } from "@/ingest/algoperf/skipped";

describe("skippedSummary", () => {
  test("nothing skipped: no lines", () => {
    expect(skippedSummary([])).toEqual([]);
  });

  test("one rule: the count, the first paths, how many more", () => {
    const skipped = Array.from({ length: 12 }, (_, i) => `s/study_0/w_jax/trial_${i}: no eval_measurements.csv (R6)`);
    const lines = skippedSummary(skipped);
    expect(lines[0]).toBe("Warning: skipped 12 folder(s) that the official scorer also skips or merges (docs/log-reader.md):");
    expect(lines.slice(1, -1)).toEqual(skipped.slice(0, 10).map((s) => `  ${s}`));
    expect(lines.at(-1)).toBe("  ... and 2 more (--json lists them all)");
  });

  test("several rules: counts per rule, and the first of a rare rule listed, in listing order", () => {
    const r6 = Array.from({ length: 20 }, (_, i) => `a/study_${i}/w_jax/trial_9: no eval_measurements.csv (R6)`);
    const r12 = 'z/study_0/ogbg_gelu_jax: variant "ogbg_gelu" is not a workload of round "r" (R12)';
    const lines = skippedSummary([...r6, r12], 3);
    expect(lines).toEqual([
      "Warning: skipped 21 folder(s) that the official scorer also skips or merges (docs/log-reader.md): 20 × R6, 1 × R12:",
      `  ${r6[0]}`,
      `  ${r6[1]}`,
      `  ${r12}`,
      "  ... and 18 more (--json lists them all)",
    ]);
  });
});
