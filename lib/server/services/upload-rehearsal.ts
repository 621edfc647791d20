// A rehearsal of the upload path: a web process, when it starts and before
// it listens on the public port, sends itself one synthetic upload over
// HTTP (scripts/server.ts: a loopback listener of its own and a key that
// never leaves the process, lib/server/http/rehearsal-key.ts), which takes
// the route a real upload takes (Next.js, the tRPC procedure with its body
// handling and checks, lib/server/services/upload.ts) under the identity
// REHEARSAL_TOKEN; the service then replaces the same runs changed, in the
// same transaction, and rolls it back. So V8 has compiled that code before
// the first real upload arrives. Measured on the bench round
// (docs/performance.md, "A rehearsal at start"): without it, the first
// upload a fresh process takes spends ~0.15 s more of its CPU in the
// interpreter and the compiler.
//
// Nothing is written: the transaction rolls back (sequences, which are not
// transactional, skip the ids it drew), rate limits are not counted.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { WorkloadSpec } from "@/lib/ingest/derive-run";
import { encodeSeries } from "@/lib/ingest/packed-evals";
import type { Upload, UploadInput } from "@/lib/ingest/upload-schema";
import type { TokenIdentity } from "./tokens";

/** Runs in the rehearsal: enough calls for V8 to optimise the per-run code (~0.1 s on a fresh process). */
export const REHEARSAL_RUNS = 400;
/** Evals per run, about what one AlgoPerf trial logs. */
const EVALS = 80;

/** Who a rehearsal uploads as: admin rights, no stored token (its Upload row and submissions name none). */
export const REHEARSAL_TOKEN: TokenIdentity = { id: 0, name: "upload rehearsal", scope: "admin" };

/**
 * The rehearsal's request body, as JSON text: REHEARSAL_RUNS runs for new
 * submissions of the first round that has workloads; null when there is no
 * such round (an empty database).
 */
export async function rehearsalBody(db: Db): Promise<string | null> {
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
  return round ? JSON.stringify(rehearsalUpload(round.slug, round.workloads)) : null;
}

/** What the service does after the upload in a rehearsal: the same runs from other hardware, each one replaced (a re-upload with --replace). */
export function rehearsalReplacement(input: Upload): { replaceWith: Upload } {
  return { replaceWith: { ...input, replace: true, runs: input.runs.map((r) => ({ ...r, hardware: "8x NVIDIA A100-SXM4-40GB" })) } };
}

/** Runs shaped like a round of AlgoPerf logs as the CLI sends them (packed series, provenance, hyperparameters). */
export function rehearsalUpload(round: string, workloads: readonly WorkloadSpec[]): UploadInput {
  const tag = randomUUID().slice(0, 8);
  const submissions = [`rehearsal-${tag}-a`, `rehearsal-${tag}-b`, `rehearsal-${tag}-c`];
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
      hyperparameters: { learning_rate: 0.001 * (1 + (i % 7)) + i * 1e-9, beta1: 0.9, weight_decay: 0.05 + i * 1e-9, warmup_factor: 0.05 },
      provenance: {
        gpuModel: "Tesla V100-SXM2-16GB",
        gpuCount: 8,
        cpuModel: "Intel(R) Xeon(R) CPU @ 2.00GHz",
        cpuCount: 64,
        gpuDriver: "535.104.05",
        seed: 1000 + i,
        gitBranch: "main",
        python: "3.8.10",
        os: "Linux-5.15",
        source: "meta_data_0.json",
      },
    });
  }
  return { round, replace: false, submissions: submissions.map((slug) => ({ slug })), runs };
}

/** An eval series within the workload's budget that reaches the target in half the runs (and a NaN cell in some). */
function series(w: WorkloadSpec, i: number): { steps: number[]; times: number[]; metrics: (number | null)[] } {
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
