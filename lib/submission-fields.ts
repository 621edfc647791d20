// One definition of a submission's descriptive fields: the types of the lists
// that show submissions (pool, catalog, leaderboard rows, seeds, the
// submission page), the Prisma selects that read them, and the fields an
// upload may declare all derive from these lists (issue 20).

/** What describes the algorithm: shown in tables, filtered on, declared by uploads. */
export const DESCRIPTION_FIELDS = ["displayName", "baseAlgorithm", "family", "baseOptimizer", "horizon", "searchRank"] as const;

export interface SubmissionDescription {
  displayName: string;
  baseAlgorithm: string | null;
  family: string | null;
  baseOptimizer: string | null;
  /** Fraction of the step budget at which the schedule decays to zero; null = none. */
  horizon: number | null;
  searchRank: number | null;
}

/** Submission fields an upload may declare (compared with the stored row; uploadSchema's submission object). */
export const METADATA_FIELDS = [...DESCRIPTION_FIELDS, "hyperparameters", "authors", "affiliation", "framework", "notes"] as const;

/** What every list of submissions carries besides its own fields. */
export interface SubmissionListing extends SubmissionDescription {
  slug: string;
  publishedScore: number | null;
}

/** A Prisma `select` of the given fields. */
export function selectOf<const K extends readonly string[]>(fields: K): { [P in K[number]]: true } {
  return Object.fromEntries(fields.map((f) => [f, true])) as { [P in K[number]]: true };
}

/** The given fields of a row, e.g. pickFields(row, DESCRIPTION_FIELDS). */
export function pickFields<T extends object, const K extends readonly (keyof T)[]>(row: T, fields: K): Pick<T, K[number]> {
  return Object.fromEntries(fields.map((f) => [f, row[f]])) as Pick<T, K[number]>;
}

// Compile-time check that the list and the interface name the same fields.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _descriptionFieldsMatch: Same<(typeof DESCRIPTION_FIELDS)[number], keyof SubmissionDescription> = true;
void _descriptionFieldsMatch;
