// What the horizon and calibration views need to know about a configuration
// besides its times.

export interface Configuration {
  /** Pool member name. */
  name: string;
  baseAlgorithm: string | null;
  /** Fraction of the step budget at which the schedule decays to zero; null = none. */
  horizon: number | null;
  /** Rank in the hyperparameter search it came from (0 = best), if known. */
  searchRank: number | null;
  /** The configuration its authors selected for this algorithm x horizon (the paper's Table 6). */
  selected: boolean;
}

/** Groups configurations by algorithm and horizon, in first-seen order. */
export function byAlgorithmAndHorizon<T extends Configuration>(
  configurations: readonly T[],
): { baseAlgorithm: string | null; horizon: number | null; members: T[] }[] {
  const groups = new Map<string, { baseAlgorithm: string | null; horizon: number | null; members: T[] }>();
  for (const c of configurations) {
    // A configuration without an algorithm is a group of its own.
    const key = c.baseAlgorithm === null ? `\u0000${c.name}` : `${c.baseAlgorithm}\u0000${c.horizon ?? ""}`;
    const g = groups.get(key) ?? { baseAlgorithm: c.baseAlgorithm, horizon: c.horizon, members: [] };
    g.members.push(c);
    groups.set(key, g);
  }
  return [...groups.values()];
}
