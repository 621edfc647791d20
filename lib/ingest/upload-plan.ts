// The pure half of an upload (lib/server/services/upload.ts does the I/O):
// given the batch, its derived runs and what is stored for its submissions,
// decide what to create, replace or leave unchanged, and every reason to
// refuse (bad request, forbidden, conflict), each named by its JSON path.
// No database, no clock: the unit tests in tests/unit/ingest/ call it directly.
import { METADATA_FIELDS } from "@/lib/submission-fields";
import type { DerivedRun, PathIssue } from "./derive-run";
import { canonicalJson, sameContent } from "./run-hash";
import { runIdentity, type SubmissionMetadata, type Upload } from "./upload-schema";

export type RunStatus = "created" | "unchanged" | "replaced";
export type SubmissionStatus = "created" | "updated" | "unchanged";

// Stored run fields compared when a re-sent run differs, to say what changed.
export const RUN_FIELDS = [
  "reached",
  "timeSeconds",
  "timeFraction",
  "steps",
  "firstHitIndex",
  "bestMetric",
  "position",
  "hardware",
  "framework",
  "codeCommit",
  "notes",
  "hyperparameters",
  "provenance",
] as const;

/** What the plan needs of a stored run (the full fields are read only for the runs that conflict). */
export type StoredRun = {
  id: number;
  submissionId: number;
  workloadId: number;
  study: number;
  trial: number;
  clientRunId: string | null;
  contentHash: string;
  /** Stored with an eval series under the older content hash (lib/ingest/run-hash.ts sameContent); false when unknown. */
  legacyEvalsHash?: boolean;
};
export type StoredRunFields = Record<(typeof RUN_FIELDS)[number], unknown>;

/** What the plan needs of a stored submission: who may write it, and its declared fields. */
export type StoredSubmission = { id: number; slug: string; source: string; uploadedById: number | null; hidden: boolean; verified: boolean } & Partial<
  Record<(typeof METADATA_FIELDS)[number], unknown>
>;

export interface PlanInput {
  input: Upload;
  round: { slug: string; workloads: { id: number; key: string }[] };
  /** deriveRun's result for every run of the batch, by index. */
  derived: DerivedRun[];
  token: { id: number; scope: string };
  /** The stored submissions among uploadSlugs(input), read under their locks. */
  stored: StoredSubmission[];
  /** The stored runs of those submissions. */
  existing: StoredRun[];
}

export interface UploadPlan {
  submissionStatus: Map<string, SubmissionStatus>;
  /** Changed declared fields per submission to update (only with replace and write access). */
  metadataUpdates: Map<string, Record<string, unknown>>;
  /** Per run of the batch; null for a run refused below. */
  statuses: (RunStatus | null)[];
  /** Stored id of each unchanged run (the others get theirs when written). */
  outcomeIds: (number | null)[];
  /** Stored runs a replaced run supersedes. */
  toDelete: Set<number>;
  badRequest: PathIssue[];
  forbidden: PathIssue[];
  conflicts: PathIssue[];
  /** Conflicts of content: describeDiffers rewrites their message once the stored fields are read. */
  differs: { issue: PathIssue; i: number; storedId: number }[];
  warnings: PathIssue[];
}

/** Every submission the batch names, sorted: the order the writer locks them in. */
export function uploadSlugs(input: Upload): string[] {
  return [...new Set([...input.runs.map((r) => r.submission), ...(input.submissions ?? []).map((s) => s.slug)])].sort();
}

/** A field's JSON text with sorted keys (the content hash's, lib/ingest/run-hash.ts), so equal values compare equal. */
const canonical = (value: unknown): string => canonicalJson(value ?? null) ?? "null";

const show = (v: unknown) => (v === null || v === undefined ? "null" : typeof v === "string" ? `"${v}"` : canonical(v));

// The upload schema's submission object holds exactly the slug and METADATA_FIELDS (a compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _metadataFieldsMatch: Same<keyof SubmissionMetadata, "slug" | (typeof METADATA_FIELDS)[number]> = true;
void _metadataFieldsMatch;

/** Declared fields (given, not undefined) whose value differs from the stored submission. */
function metadataDiff(declared: SubmissionMetadata, stored: Record<string, unknown>): { field: string; sent: unknown; stored: unknown }[] {
  const out: { field: string; sent: unknown; stored: unknown }[] = [];
  for (const field of METADATA_FIELDS) {
    const sent = declared[field];
    if (sent === undefined) continue;
    if (canonical(sent) !== canonical(stored[field])) out.push({ field, sent, stored: stored[field] ?? null });
  }
  return out;
}

function runDiff(d: DerivedRun, stored: StoredRunFields): string {
  const fields = RUN_FIELDS.filter((f) => canonical(d[f]) !== canonical(stored[f]));
  if (fields.length === 0) return "the eval series differs";
  return fields.map((f) => `${f} ${show(stored[f])} stored, ${show(d[f])} sent`).join(", ");
}

/** Who may write a stored submission, and why not. */
function access(token: PlanInput["token"]) {
  const admin = token.scope === "admin";
  return {
    canWrite: (s: { source: string; uploadedById: number | null }) => admin || (s.source === "uploaded" && s.uploadedById === token.id),
    whyNot: (s: { slug: string; source: string }) =>
      s.source === "uploaded"
        ? `submission "${s.slug}" was created by another token; only that token or an admin token can change it`
        : `submission "${s.slug}" is ${s.source} data; only an admin token can change it`,
  };
}

export function planUpload(p: PlanInput): UploadPlan {
  const plan: UploadPlan = {
    submissionStatus: new Map(),
    metadataUpdates: new Map(),
    statuses: [],
    outcomeIds: [],
    toDelete: new Set(),
    badRequest: [],
    forbidden: [],
    conflicts: [],
    differs: [],
    warnings: [],
  };
  planSubmissions(p, plan);
  planRuns(p, plan);
  return plan;
}

function planSubmissions(p: PlanInput, plan: UploadPlan): void {
  const { input, round } = p;
  const { canWrite, whyNot } = access(p.token);
  const stored = new Map(p.stored.map((s) => [s.slug, s]));
  const declared = new Map((input.submissions ?? []).map((s, i) => [s.slug, { s, i }]));
  const firstRunOf = new Map<string, number>();
  input.runs.forEach((r, i) => (firstRunOf.has(r.submission) ? undefined : firstRunOf.set(r.submission, i)));
  for (const slug of uploadSlugs(input)) {
    const sub = stored.get(slug);
    const decl = declared.get(slug);
    if (!sub) {
      if (decl) plan.submissionStatus.set(slug, "created");
      else {
        plan.badRequest.push({
          path: `runs.${firstRunOf.get(slug)}.submission`,
          message: `submission "${slug}" does not exist in round "${round.slug}": declare it in "submissions" (at least {"slug": "${slug}"}) to create it`,
        });
      }
      continue;
    }
    plan.submissionStatus.set(slug, "unchanged");
    if (sub.hidden)
      plan.warnings.push({
        path: decl ? `submissions.${decl.i}` : `runs.${firstRunOf.get(slug)}.submission`,
        message: `submission "${slug}" is hidden by an admin; its runs are stored but not shown`,
      });
    if (!decl) continue;
    const diff = metadataDiff(decl.s, sub as Record<string, unknown>);
    if (diff.length === 0) continue;
    const at = (f: string) => `submissions.${decl.i}.${f}`;
    if (!input.replace) {
      for (const d of diff)
        plan.conflicts.push({
          path: at(d.field),
          message: `${show(d.sent)} differs from the stored ${show(d.stored)}; send the stored value, leave the field out, or send replace: true to change it`,
        });
    } else if (!canWrite(sub)) {
      plan.forbidden.push({ path: at(diff[0]!.field), message: whyNot(sub) });
    } else {
      plan.metadataUpdates.set(slug, Object.fromEntries(diff.map((d) => [d.field, d.sent])));
      plan.submissionStatus.set(slug, "updated");
    }
  }
}

function planRuns(p: PlanInput, plan: UploadPlan): void {
  const { input } = p;
  const { canWrite, whyNot } = access(p.token);
  const stored = new Map(p.stored.map((s) => [s.slug, s]));
  const workloadId = new Map(p.round.workloads.map((w) => [w.key, w.id]));
  const workloadKey = new Map(p.round.workloads.map((w) => [w.id, w.key]));
  // Runs: stored by identity and by client run id.
  const idKey = (submissionId: number, wId: number, study: number, trial: number) => `${submissionId}:${wId}:${study}:${trial}`;
  const byIdentity = new Map(p.existing.map((r) => [idKey(r.submissionId, r.workloadId, r.study, r.trial), r]));
  const byClientId = new Map(p.existing.filter((r) => r.clientRunId !== null).map((r) => [`${r.submissionId}:${r.clientRunId}`, r]));
  input.runs.forEach((run, i) => {
    const d = p.derived[i]!;
    const sub = stored.get(run.submission);
    plan.statuses[i] = null;
    plan.outcomeIds[i] = null;
    if (!sub) {
      plan.statuses[i] = "created";
      return;
    }
    const sameIdentity = byIdentity.get(idKey(sub.id, workloadId.get(run.workload)!, run.study, run.trial));
    const sameClientId = run.clientRunId != null ? byClientId.get(`${sub.id}:${run.clientRunId}`) : undefined;
    const others = [sameIdentity, sameClientId].filter((r): r is StoredRun => r !== undefined);
    if (others.length === 0) {
      if (canWrite(sub)) plan.statuses[i] = "created";
      else plan.forbidden.push({ path: `runs.${i}.submission`, message: whyNot(sub) });
      return;
    }
    let problem: string | null = null;
    let differsFrom: StoredRun | null = null;
    if (sameClientId && sameClientId !== sameIdentity) {
      problem = `clientRunId "${run.clientRunId}" already names another run (${runIdentity({ submission: sub.slug, workload: workloadKey.get(sameClientId.workloadId)!, study: sameClientId.study, trial: sameClientId.trial })})`;
    } else if (sameIdentity && run.clientRunId != null && sameIdentity.clientRunId !== run.clientRunId) {
      problem = `${runIdentity(run)} is stored with clientRunId ${show(sameIdentity.clientRunId)}, not "${run.clientRunId}"`;
    } else if (sameIdentity && !sameContent(sameIdentity.contentHash, d, sameIdentity.legacyEvalsHash ?? false)) {
      problem = `${runIdentity(run)} differs from the stored run`;
      differsFrom = sameIdentity;
    }
    if (problem === null) {
      plan.statuses[i] = "unchanged";
      plan.outcomeIds[i] = sameIdentity!.id;
    } else if (!input.replace) {
      const issue = { path: `runs.${i}`, message: `${problem}; send replace: true to replace it` };
      plan.conflicts.push(issue);
      if (differsFrom) plan.differs.push({ issue, i, storedId: differsFrom.id });
    } else if (!canWrite(sub)) {
      plan.forbidden.push({ path: `runs.${i}`, message: whyNot(sub) });
    } else {
      plan.statuses[i] = "replaced";
      for (const r of others) plan.toDelete.add(r.id);
    }
  });
}

/** Says which fields differ in each conflict of content, given the stored fields of the runs it names. */
export function describeDiffers(plan: UploadPlan, input: Upload, derived: DerivedRun[], fields: Map<number, StoredRunFields>): void {
  for (const { issue, i, storedId } of plan.differs) {
    issue.message = `${runIdentity(input.runs[i]!)} differs from the stored run: ${runDiff(derived[i]!, fields.get(storedId)!)}; send replace: true to replace it`;
  }
}
