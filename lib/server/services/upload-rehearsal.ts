// A rehearsal of the upload path: a web process, when it starts, sends one
// synthetic batch of runs through the steps a real upload takes (JSON text →
// body guard → the upload schema → lib/server/services/upload.ts, whose
// transaction then rolls back), so that V8 has compiled that code before the
// first real upload arrives. Measured on the bench round (docs/performance.md,
// "A rehearsal at start"): without it, the first upload a fresh process takes
// spends ~0.15 s of CPU per web process in the interpreter and the compiler,
// a third of the server's CPU for a whole round of AlgoPerf logs.
//
// Nothing is written: the transaction rolls back (sequences, which are not
// transactional, skip the ids it drew). It runs in the route's own bundle
// (app/api/trpc/[trpc]/route.ts, called by scripts/server.ts before the
// process listens), where the real uploads run: code compiled in another copy
// of these modules would not help them.
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { parseJsonText } from "@/lib/ingest/json-syntax";
import { encodeSeries } from "@/lib/ingest/packed-evals";
import { uploadSchema, type UploadInput } from "@/lib/ingest/upload-schema";
import { jsonBodyProblem } from "@/lib/server/json-guard";
import { uploadRuns, type UploadResult } from "./upload";

/** Runs in the rehearsal: enough calls for V8 to optimise the per-run code (~0.1 s on a fresh process). */
export const REHEARSAL_RUNS = 400;
/** Evals per run, about what one AlgoPerf trial logs. */
const EVALS = 80;

interface WorkloadShape {
  key: string;
  metricName: string;
  direction: "min" | "max";
  target: number;
  budgetSeconds: number | null;
  budgetSteps: number | null;
}

/**
 * The rehearsal: a batch of REHEARSAL_RUNS runs for new submissions of the
 * first round that has workloads, uploaded, replaced by the same runs changed
 * (a re-upload with --replace), and rolled back. The result is the replacing
 * upload's; null when there is no such round (an empty database).
 */
export async function rehearseUpload(db: Db): Promise<UploadResult | null> {
  const round = await db.round.findFirst({
    where: { workloads: { some: {} } },
    orderBy: { id: "asc" },
    select: {
      slug: true,
      workloads: {
        orderBy: { position: "asc" },
        select: { key: true, metricName: true, direction: true, target: true, budgetSeconds: true, budgetSteps: true },
      },
    },
  });
  if (!round) return null;
  const body = rehearsalBody(round.slug, round.workloads);
  const text = JSON.stringify(body);
  // The steps of the route (lib/server/routers/ingest.ts), on the text a client would send.
  const raw = parseJsonText(text);
  const problem = jsonBodyProblem(raw);
  if (problem) throw new Error(`the rehearsal body is refused: ${problem.path}: ${problem.message}`);
  const input = uploadSchema.parse(raw);
  return uploadRuns(db, input, {
    token: { id: 0, name: "upload rehearsal", scope: "admin" },
    payloadHash: createHash("sha256").update(text).digest("hex"),
    ip: null,
    startedAt: Date.now(),
    // Then the same runs from other hardware: each one replaced.
    rehearsal: { replaceWith: { ...input, replace: true, runs: input.runs.map((r) => ({ ...r, hardware: "8x NVIDIA A100-SXM4-40GB" })) } },
  });
}

/** Runs shaped like a round of AlgoPerf logs as the CLI sends them (packed series, provenance, hyperparameters). */
export function rehearsalBody(round: string, workloads: readonly WorkloadShape[]): UploadInput {
  const tag = randomUUID().slice(0, 8);
  const submissions = [`rehearsal-${tag}-a`, `rehearsal-${tag}-b`];
  const runs: UploadInput["runs"] = [];
  for (let i = 0; i < REHEARSAL_RUNS; i++) {
    const w = workloads[i % workloads.length]!;
    const rest = Math.floor(i / workloads.length);
    const submission = submissions[rest % submissions.length]!;
    const k = Math.floor(rest / submissions.length);
    const study = k % 5;
    const trial = Math.floor(k / 5);
    runs.push({
      submission,
      workload: w.key,
      study,
      trial,
      position: trial,
      clientRunId: `study_${study}/${w.key}/trial_${trial}`,
      packedEvals: { metricName: w.metricName, ...encodeSeries(series(w, i)) },
      hardware: "8x Tesla V100-SXM2-16GB",
      framework: "jax",
      codeCommit: "0000000000000000000000000000000000000000",
      hyperparameters: { learning_rate: 0.001 * (1 + (i % 7)), beta1: 0.9, beta2: 0.999, weight_decay: 0.05, warmup_factor: 0.02 },
      provenance: {
        gpuModel: "Tesla V100-SXM2-16GB",
        gpuCount: 8,
        cpuModel: "Intel(R) Xeon(R) CPU @ 2.00GHz",
        cpuCount: 64,
        seed: 1000 + i,
        source: "meta_data_0.json",
      },
    });
  }
  return { round, replace: false, submissions: submissions.map((slug) => ({ slug })), runs };
}

/** An eval series within the workload's budget that reaches the target in half the runs (and a NaN cell in some). */
function series(w: WorkloadShape, i: number): { steps: number[]; times: number[]; metrics: (number | null)[] } {
  const seconds = w.budgetSeconds ?? 10_000;
  const stepBudget = w.budgetSteps ?? 100_000;
  const reaches = i % 2 === 0;
  const sign = w.direction === "min" ? 1 : -1;
  const scale = Math.abs(w.target) || 1;
  const steps: number[] = [];
  const times: number[] = [];
  const metrics: (number | null)[] = [];
  for (let e = 0; e < EVALS; e++) {
    const progress = (e + 1) / EVALS;
    steps.push(Math.floor(progress * 0.9 * stepBudget));
    times.push(progress * 0.9 * seconds + (i % 13) * 0.001);
    // From one scale away from the target towards it: past it at ~2/3 of the series when it reaches, short of it when not.
    const gap = reaches ? 1 - 1.5 * progress : 1.05 - progress;
    metrics.push(e === 3 && i % 5 === 0 ? null : w.target + sign * scale * gap * 0.5);
  }
  return { steps, times, metrics };
}
