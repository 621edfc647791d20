// Which submissions may share a pool. Ratios compare times directly (§4.1),
// and rho divides by the number of base workloads (§4.5), so a pool must
// share one time basis and one workload set; and times of different
// benchmark versions or reference hardware are not comparable either
// (budgets and hardware changed between versions, docs/scoring.md §6).
import type { TimeBasis } from "./types";

export interface PoolMember {
  name: string;
  /** The base workloads the member was run on (order does not matter). */
  workloads: readonly string[];
  timeBasis: TimeBasis;
  /** Benchmark version of the member's round, e.g. "v0.6" (docs/hosting-a-round.md). */
  version?: string;
  /** Reference hardware class of the member's round; null = not stated. */
  hardware?: string | null;
}

/** How a mixed pool is scored (`allowMixed`): on the workloads every round shares, the others dropped. */
export interface MixedPool {
  /** Why the pool is mixed: the refusal messages of assertPoolCompatible (versions, hardware, workload sets). */
  reasons: string[];
  /** Base workloads of the pool's round that every member's round holds too, in the round's order: the N of §4.5. */
  sharedWorkloads: string[];
  /** Base workloads of the round or of a member's round left out of the scores. */
  droppedWorkloads: string[];
}

/**
 * A pool that assertPoolCompatible refuses, scored on the shared base
 * workloads when the user asks for it: null when the pool is compatible.
 * The time basis must still be one (ratios compare times, §4.1); the profile
 * then runs over the shared workloads only (§4.5 with N = their count).
 * @param roundWorkloads base workloads of the round whose view this is (its order is kept).
 * @throws Error for mixed time bases or when no workload is shared.
 */
export function mixedPool(members: readonly PoolMember[], roundWorkloads: readonly string[]): MixedPool | null {
  const reasons: string[] = [];
  const checks: [string, (m: PoolMember) => string][] = [
    ["different workload sets", (m) => `[${[...new Set(m.workloads)].sort().join(", ")}]`],
    ["different benchmark versions", (m) => m.version ?? "unknown version"],
    ["different reference hardware", (m) => m.hardware ?? "hardware not stated"],
  ];
  const byBasis = groupBy(members, (m) => m.timeBasis);
  if (byBasis.size > 1) throw new Error(`cannot score submissions on different time bases together, even in a mixed pool: ${describe(byBasis)}`);
  for (const [what, key] of checks) {
    const groups = groupBy(members, key);
    if (groups.size > 1) reasons.push(`${what}: ${describe(groups)}`);
  }
  if (reasons.length === 0) return null;
  const sets = members.map((m) => new Set(m.workloads));
  const shared = roundWorkloads.filter((w) => sets.every((s) => s.has(w)));
  if (shared.length === 0) throw new Error(`the pool shares no base workload with the round: ${reasons.join("; ")}`);
  const all = new Set([...roundWorkloads, ...members.flatMap((m) => m.workloads)]);
  const dropped = [...all].filter((w) => !shared.includes(w)).sort();
  return { reasons, sharedWorkloads: shared, droppedWorkloads: dropped };
}

/**
 * @throws Error naming the members of each group when the pool mixes time
 *   bases or workload sets.
 */
export function assertPoolCompatible(members: readonly PoolMember[]): void {
  const byBasis = groupBy(members, (m) => m.timeBasis);
  if (byBasis.size > 1) {
    throw new Error(`cannot score submissions on different time bases together: ${describe(byBasis)}`);
  }
  const byWorkloads = groupBy(members, (m) => `[${[...new Set(m.workloads)].sort().join(", ")}]`);
  if (byWorkloads.size > 1) {
    throw new Error(`cannot score submissions on different workload sets together: ${describe(byWorkloads)}`);
  }
  const byVersion = groupBy(members, (m) => m.version ?? "unknown version");
  if (byVersion.size > 1) {
    throw new Error(`cannot score submissions of different benchmark versions together: ${describe(byVersion)}`);
  }
  const byHardware = groupBy(members, (m) => m.hardware ?? "hardware not stated");
  if (byHardware.size > 1) {
    throw new Error(`cannot score submissions run on different reference hardware together: ${describe(byHardware)}`);
  }
}

function groupBy(members: readonly PoolMember[], key: (m: PoolMember) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const m of members) {
    const k = key(m);
    const names = groups.get(k);
    if (names) names.push(m.name);
    else groups.set(k, [m.name]);
  }
  return groups;
}

// Pools can hold thousands of members; name a few per group.
const NAMES_SHOWN = 5;

function describe(groups: Map<string, string[]>): string {
  return [...groups]
    .map(([k, names]) => {
      const shown = names
        .slice(0, NAMES_SHOWN)
        .map((n) => `"${n}"`)
        .join(", ");
      const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : "";
      return `${k} for ${shown}${more}`;
    })
    .join("; ");
}
