// Completeness of a submission in its round: which workloads × studies ×
// trials the round expects (its base and held-out workloads, studiesExpected,
// trialsExpected) and which are present. Told to uploaders; scoring does not
// enforce counts (docs/scoring.md §2.5: the official code only warns).
export interface CompletenessRound {
  studiesExpected: number;
  trialsExpected: number;
  workloads: readonly { key: string; role: string }[];
}

export interface WorkloadCompleteness {
  workload: string;
  role: string;
  /** Studies with at least one run. */
  studies: number;
  /** Runs per study number, e.g. { "0": 5, "1": 5, "2": 3 }. */
  trialsPerStudy: Record<string, number>;
  complete: boolean;
}

export interface Completeness {
  submission: string;
  complete: boolean;
  expected: { workloads: string[]; studies: number; trials: number; runs: number };
  /** Runs on the expected workloads. */
  presentRuns: number;
  workloads: WorkloadCompleteness[];
  /**
   * What is missing, one line per workload, e.g. "wmt: runs in 1 of 3 studies, study 0 has 2 of 5 trials":
   * said as what is there (a bare "study 0: 2 of 5 trials" under "missing" read as two missing), with
   * commas inside a line, as pages join the lines with "; ".
   */
  missing: string[];
}

export function completeness(submission: string, round: CompletenessRound, runs: readonly { workload: string; study: number; trial: number }[]): Completeness {
  // Variants that are not held out are never scored (docs/scoring.md §3.2), so they are not expected.
  const expected = round.workloads.filter((w) => w.role === "base" || w.role === "held_out");
  const byWorkload = new Map<string, Map<number, Set<number>>>();
  for (const r of runs) {
    let studies = byWorkload.get(r.workload);
    if (!studies) byWorkload.set(r.workload, (studies = new Map()));
    let trials = studies.get(r.study);
    if (!trials) studies.set(r.study, (trials = new Set()));
    trials.add(r.trial);
  }
  const S = round.studiesExpected;
  const T = round.trialsExpected;
  const workloads: WorkloadCompleteness[] = [];
  const missing: string[] = [];
  let presentRuns = 0;
  for (const w of expected) {
    const studies = byWorkload.get(w.key) ?? new Map<number, Set<number>>();
    const trialsPerStudy: Record<string, number> = {};
    const problems: string[] = [];
    for (const study of [...studies.keys()].sort((a, b) => a - b)) {
      const n = studies.get(study)!.size;
      trialsPerStudy[String(study)] = n;
      presentRuns += n;
      if (n < T) problems.push(`study ${study} has ${n} of ${T} trials`);
    }
    if (studies.size === 0) problems.unshift("no runs");
    else if (studies.size < S) problems.unshift(`runs in ${studies.size} of ${S} studies`);
    workloads.push({ workload: w.key, role: w.role, studies: studies.size, trialsPerStudy, complete: problems.length === 0 });
    if (problems.length > 0) missing.push(`${w.key}: ${problems.join(", ")}`);
  }
  return {
    submission,
    complete: missing.length === 0,
    expected: { workloads: expected.map((w) => w.key), studies: S, trials: T, runs: expected.length * S * T },
    presentRuns,
    workloads,
    missing,
  };
}
