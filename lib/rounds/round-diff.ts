// What changed from the previous benchmark version of the same ruleset
// (shown with a round's rules): budget factor, studies × trials, workloads,
// targets and budgets. Pure.

export interface ComparableRound {
  slug: string;
  name: string;
  benchmarkVersion: string;
  ruleset: string;
  budgetFactor: number;
  studiesExpected: number;
  trialsExpected: number;
  hardware: string | null;
  workloads: readonly { key: string; role: string; target: number; budgetSeconds: number | null }[];
}

function versionNumbers(v: string): number[] {
  return v.replace(/^v/, "").split(".").map(Number);
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [versionNumbers(a), versionNumbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The round of the highest earlier benchmark version with the same ruleset, or null. */
export function previousRound<T extends ComparableRound>(rounds: readonly T[], current: ComparableRound): T | null {
  const earlier = rounds.filter((r) => r.ruleset === current.ruleset && compareVersions(r.benchmarkVersion, current.benchmarkVersion) < 0);
  earlier.sort((a, b) => compareVersions(b.benchmarkVersion, a.benchmarkVersion));
  return earlier[0] ?? null;
}

/** One line per change, e.g. "budget factor × 3 → × 1.5", "fastmri budget 8859 s → 4430 s". */
export function roundChanges(prev: ComparableRound, cur: ComparableRound): string[] {
  const out: string[] = [];
  if (prev.budgetFactor !== cur.budgetFactor) out.push(`budget factor × ${prev.budgetFactor} → × ${cur.budgetFactor}`);
  if (prev.studiesExpected !== cur.studiesExpected || prev.trialsExpected !== cur.trialsExpected) {
    out.push(`studies × trials ${prev.studiesExpected} × ${prev.trialsExpected} → ${cur.studiesExpected} × ${cur.trialsExpected}`);
  }
  if ((prev.hardware ?? null) !== (cur.hardware ?? null)) out.push(`hardware ${prev.hardware ?? "not stated"} → ${cur.hardware ?? "not stated"}`);
  const scored = (r: ComparableRound) => new Map(r.workloads.filter((w) => w.role !== "variant").map((w) => [w.key, w]));
  const [before, after] = [scored(prev), scored(cur)];
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  if (added.length > 0) out.push(`workloads added: ${added.join(", ")}`);
  if (removed.length > 0) out.push(`workloads dropped: ${removed.join(", ")}`);
  for (const [key, w] of after) {
    const o = before.get(key);
    if (!o) continue;
    if (o.target !== w.target) out.push(`${key} target ${o.target} → ${w.target}`);
    if (o.budgetSeconds !== w.budgetSeconds) out.push(`${key} budget ${o.budgetSeconds ?? "–"} s → ${w.budgetSeconds ?? "–"} s`);
  }
  return out;
}
