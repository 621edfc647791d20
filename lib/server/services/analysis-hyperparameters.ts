// Hyperparameter sensitivity: GET /api/v1/rounds/<round>/hyperparameters?submission=<slug>
// (docs/analysis-tuning.md). Reads Run.hyperparameters (hparams.json, stored when
// uploaded from AlgoPerf logs); says so when the submission's runs have none.
import "server-only";
import type { Db } from "@/lib/db/client";
import { hyperparameterSensitivity, type HparamSensitivity } from "@/lib/scoring/analysis";
import { versionedRead } from "@/lib/server/cache";
import { badParameter } from "@/lib/server/errors";
import { throwUnknownRound } from "./round-slugs";

export interface HyperparameterReport extends HparamSensitivity {
  round: string;
  submission: string;
  displayName: string;
  /** False when no run of the submission carries hyperparameters: `message` says so. */
  available: boolean;
  message: string | null;
  stale?: boolean;
}

export async function hyperparametersOf(db: Db, options: { round: string; submission: string }): Promise<HyperparameterReport> {
  return versionedRead(db, [options.round], `hyperparameters|${options.round}|${options.submission}`, async (versions) => {
    if (!versions.has(options.round)) return throwUnknownRound(db, options.round);
    const sub = await db.submission.findFirst({ where: { slug: options.submission, hidden: false, round: { slug: options.round } }, select: { id: true, slug: true, displayName: true, round: { select: { timeBasis: true } } } });
    if (!sub) throw badParameter("submission", `no submission "${options.submission}" in round "${options.round}"`, "unknown submission");
    const runs = await db.run.findMany({
      where: { submissionId: sub.id },
      select: { workload: { select: { key: true } }, study: true, trial: true, reached: true, timeSeconds: true, timeFraction: true, hyperparameters: true },
      orderBy: [{ study: "asc" }, { position: "asc" }, { trial: "asc" }],
    });
    const result = hyperparameterSensitivity(
      runs.map((r) => {
        // The round's time basis, as the scores.
        const time = sub.round.timeBasis === "seconds" ? r.timeSeconds : r.timeFraction;
        const hp = r.hyperparameters;
        return { workload: r.workload.key, study: r.study, trial: r.trial, hitTime: r.reached && time !== null ? time : null, hyperparameters: hp && typeof hp === "object" && !Array.isArray(hp) ? (hp as Record<string, unknown>) : null };
      }),
    );
    const available = result.withHyperparameters > 0;
    return {
      round: options.round,
      submission: sub.slug,
      displayName: sub.displayName,
      ...result,
      available,
      message: available ? null : `no run of "${sub.slug}" carries hyperparameters (hparams.json); the spread of time-to-target across trials is still given`,
    };
  });
}
