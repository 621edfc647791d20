// The pure plan of an upload (lib/ingest/upload-plan.ts): what is created,
// replaced or left, and every refusal, from hand-built stored rows.
import { describe, expect, test } from "vitest";
import type { DerivedRun } from "@/lib/ingest/derive-run";
import { planUpload, uploadSlugs, type PlanInput, type StoredRun, type StoredSubmission } from "@/lib/ingest/upload-plan";
import { uploadSchema, type Upload } from "@/lib/ingest/upload-schema";

const round = {
  slug: "r",
  workloads: [
    { id: 11, key: "a" },
    { id: 12, key: "b" },
  ],
};
const owner = { id: 7, scope: "upload" };
const stranger = { id: 8, scope: "upload" };
const admin = { id: 9, scope: "admin" };

function upload(body: object): Upload {
  return uploadSchema.parse({ round: "r", ...body });
}
const run = (submission: string, workload: string, trial: number, extra: object = {}) => ({
  submission,
  workload,
  study: 0,
  trial,
  timeToTarget: { reached: true, seconds: 10 },
  ...extra,
});
const derivedRun = (contentHash: string): DerivedRun => ({
  reached: true,
  timeSeconds: 10,
  timeFraction: 0.1,
  steps: null,
  firstHitIndex: null,
  bestMetric: null,
  position: 0,
  overBudget: false,
  evals: null,
  hardware: null,
  framework: null,
  codeCommit: null,
  notes: null,
  hyperparameters: null,
  provenance: null,
  contentHash,
});
const sub = (over: Partial<StoredSubmission> = {}): StoredSubmission => ({
  id: 1,
  slug: "s",
  source: "uploaded",
  uploadedById: 7,
  hidden: false,
  verified: true,
  displayName: "S",
  ...over,
});
const storedRun = (over: Partial<StoredRun> = {}): StoredRun => ({
  id: 100,
  submissionId: 1,
  workloadId: 11,
  study: 0,
  trial: 1,
  clientRunId: null,
  contentHash: "h1",
  ...over,
});

function plan(input: Upload, p: Partial<PlanInput> = {}) {
  return planUpload({ input, round, derived: input.runs.map(() => derivedRun("h1")), token: owner, stored: [], existing: [], ...p });
}

describe("planUpload", () => {
  test("a declared new submission and its runs are created", () => {
    const p = plan(upload({ submissions: [{ slug: "s" }], runs: [run("s", "a", 1), run("s", "b", 1)] }));
    expect([...p.submissionStatus]).toEqual([["s", "created"]]);
    expect(p.statuses).toEqual(["created", "created"]);
    expect(p.badRequest).toEqual([]);
    expect(p.toDelete.size).toBe(0);
  });

  test("runs of an undeclared unknown submission are a bad request at the first run naming it", () => {
    const p = plan(upload({ runs: [run("t", "a", 1), run("s", "a", 1), run("s", "a", 2)] }), { stored: [sub({ slug: "t" })] });
    expect(p.badRequest).toEqual([{ path: "runs.1.submission", message: expect.stringContaining('submission "s" does not exist in round "r"') }]);
  });

  test("the same run again is unchanged and keeps its stored id", () => {
    const p = plan(upload({ runs: [run("s", "a", 1)] }), { stored: [sub()], existing: [storedRun()] });
    expect(p.statuses).toEqual(["unchanged"]);
    expect(p.outcomeIds).toEqual([100]);
    expect(p.conflicts).toEqual([]);
  });

  test("a changed run is a conflict without replace, and replaced (old row deleted) with it", () => {
    const input = upload({ runs: [run("s", "a", 1)] });
    const derived = [derivedRun("h2")];
    const conflict = plan(input, { derived, stored: [sub()], existing: [storedRun()] });
    expect(conflict.statuses).toEqual([null]);
    expect(conflict.conflicts.map((c) => c.path)).toEqual(["runs.0"]);
    expect(conflict.differs).toEqual([{ issue: conflict.conflicts[0], i: 0, storedId: 100 }]);
    const replaced = plan({ ...input, replace: true }, { derived, stored: [sub()], existing: [storedRun()] });
    expect(replaced.statuses).toEqual(["replaced"]);
    expect([...replaced.toDelete]).toEqual([100]);
  });

  test("another token may not add to or replace in a submission it did not create; an admin may", () => {
    const input = upload({ replace: true, runs: [run("s", "a", 1), run("s", "a", 2)] });
    const derived = [derivedRun("h2"), derivedRun("h1")];
    const p = plan(input, { derived, token: stranger, stored: [sub()], existing: [storedRun()] });
    expect(p.forbidden.map((f) => f.path)).toEqual(["runs.0", "runs.1.submission"]);
    expect(p.forbidden[0]!.message).toContain("created by another token");
    const byAdmin = plan(input, { derived, token: admin, stored: [sub()], existing: [storedRun()] });
    expect(byAdmin.forbidden).toEqual([]);
    expect(byAdmin.statuses).toEqual(["replaced", "created"]);
  });

  test("a client run id that names another stored run is a conflict", () => {
    const p = plan(upload({ runs: [run("s", "a", 2, { clientRunId: "x" })] }), { stored: [sub()], existing: [storedRun({ clientRunId: "x" })] });
    expect(p.conflicts).toEqual([{ path: "runs.0", message: expect.stringContaining('clientRunId "x" already names another run (s/a/study_0/trial_1)') }]);
    expect(p.differs).toEqual([]);
  });

  test("different declared metadata: conflict per field without replace, update by the owner with it", () => {
    const input = upload({ submissions: [{ slug: "s", displayName: "New", family: "adam" }], runs: [run("s", "a", 1)] });
    const stored = [sub({ family: "adam" })];
    const p = plan(input, { stored, existing: [storedRun()] });
    expect(p.conflicts.map((c) => c.path)).toEqual(["submissions.0.displayName"]);
    const updated = plan({ ...input, replace: true }, { stored, existing: [storedRun()] });
    expect([...updated.submissionStatus]).toEqual([["s", "updated"]]);
    expect(updated.metadataUpdates.get("s")).toEqual({ displayName: "New" });
  });

  test("a hidden submission gets a warning, not a refusal", () => {
    const p = plan(upload({ runs: [run("s", "a", 1)] }), { stored: [sub({ hidden: true })], existing: [storedRun()] });
    expect(p.warnings).toEqual([{ path: "runs.0.submission", message: expect.stringContaining("hidden by an admin") }]);
    expect(p.statuses).toEqual(["unchanged"]);
  });

  test("uploadSlugs: runs' and declared submissions, sorted once each", () => {
    expect(uploadSlugs(upload({ submissions: [{ slug: "z" }, { slug: "b" }], runs: [run("b", "a", 1), run("m", "a", 1)] }))).toEqual(["b", "m", "z"]);
  });
});
