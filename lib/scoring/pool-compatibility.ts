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
      const shown = names.slice(0, NAMES_SHOWN).map((n) => `"${n}"`).join(", ");
      const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : "";
      return `${k} for ${shown}${more}`;
    })
    .join("; ");
}
