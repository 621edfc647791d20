// Eval series at any size (issue 13 item 4, docs/availability.md): a
// submission page draws downsampled curves (LTTB, the first hit kept exactly)
// and pages its runs, so it stays under 1 MB whatever was uploaded; the evals
// CSV streams every eval.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { formatMetric } from "@/lib/views/format";
import { createRound, createToken, dropRound, unique, uploadRest, workload } from "../support/ingest";

const ROUND = unique("test-evals");
const SUBMISSION = "huge-evals";
const EVALS = 100_000;
const TARGET = 0.5;

/** A falling loss with noise; crosses the target (0.5, min) somewhere past the middle. */
function series(study: number, trial: number) {
  const steps = Array.from({ length: EVALS }, (_, i) => (i + 1) * 10);
  const times = steps.map((s) => s * 0.0123456789 + study);
  const metrics = steps.map((_, i) => 1.2 - (0.8 * i) / EVALS + 0.01 * Math.sin(i * 0.37 + study + trial * 0.5));
  return { steps, times, metrics };
}

beforeAll(async () => {
  await createRound({ slug: ROUND, studiesExpected: 3, trialsExpected: 3, workloads: [workload("w1", { budgetSeconds: 100_000, target: TARGET })] });
  const token = await createToken(unique("evals"));
  // Three uploads of 3 runs x 100,000 evals each.
  for (let study = 1; study <= 3; study++) {
    const runs = [1, 2, 3].map((trial) => ({ submission: SUBMISSION, workload: "w1", study, trial, evals: series(study, trial) }));
    const res = await uploadRest({ round: ROUND, submissions: [{ slug: SUBMISSION }], runs }, token);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
  }
}, 300_000);
afterAll(async () => dropRound(ROUND));

test("the submission page of 9 runs x 100,000 evals is under 1 MB and marks each run's first hit at its exact eval", async () => {
  const res = await fetch(`${inject("baseUrl")}/rounds/${ROUND}/submissions/${SUBMISSION}`);
  const html = await res.text();
  const bytes = Buffer.byteLength(html);
  console.log(`[evals] submission page with 9 runs x ${EVALS.toLocaleString("en-US")} evals: ${(bytes / 1024).toFixed(0)} kB`);
  expect(res.status).toBe(200);
  expect(bytes).toBeLessThan(1_000_000);
  for (let study = 1; study <= 3; study++) {
    for (let trial = 1; trial <= 3; trial++) {
      const { metrics } = series(study, trial);
      // docs/scoring.md §1.4: the first eval whose loss is <= the target.
      const k = metrics.findIndex((m) => m <= TARGET);
      expect(k).toBeGreaterThan(0);
      expect(html).toContain(`study ${study}, trial ${trial}: first hit at eval ${k}, `);
      expect(html).toMatch(
        new RegExp(`study ${study}, trial ${trial}: first hit at eval ${k}, [^<]*${formatMetric(metrics[k]!).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</title>`),
      );
    }
  }
}, 60_000);

test("the evals CSV streams every eval of every run", async () => {
  const res = await fetch(`${inject("baseUrl")}/api/v1/rounds/${ROUND}/submissions/${SUBMISSION}/evals?format=csv`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-length")).toBeNull();
  let lines = 0;
  let first = "";
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(chunk, { stream: true });
    if (!first) first = text.slice(0, text.indexOf("\n"));
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  }
  expect(first).toBe("workload,study,trial,eval_index,step,time_seconds,metric");
  expect(lines).toBe(1 + 9 * EVALS);
}, 60_000);
