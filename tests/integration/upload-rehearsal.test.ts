// The upload rehearsal a web process runs at start (lib/server/services/upload-rehearsal.ts):
// its body, through the upload service as the procedure calls it in a rehearsal, on the real
// database, leaves nothing behind; a client cannot ask for it.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { REHEARSAL_HEADER, REHEARSAL_KEY_ENV } from "@/lib/server/http/rehearsal-key";
import { appRouter } from "@/lib/server/routers/_app";
import { createContext } from "@/lib/server/trpc";
import { parseUpload } from "@/lib/ingest/upload-parse";
import { uploadRuns } from "@/lib/server/services/upload";
import { REHEARSAL_RUNS, REHEARSAL_TOKEN, rehearsalBody, rehearsalReplacement } from "@/lib/server/services/upload-rehearsal";
import { withDb } from "../support/db";
import { post } from "../support/ingest";

/** What a rehearsal would leave if it wrote anything: rows that name it. */
async function traces(): Promise<Record<string, number>> {
  return withDb(async (c) => {
    const n = async (sql: string) => Number((await c.query(sql)).rows[0].n);
    return {
      submissions: await n(`SELECT count(*)::int AS n FROM "Submission" WHERE slug LIKE 'rehearsal-%'`),
      runs: await n(`SELECT count(*)::int AS n FROM "Run" r JOIN "Submission" s ON s.id = r."submissionId" WHERE s.slug LIKE 'rehearsal-%'`),
      uploads: await n(`SELECT count(*)::int AS n FROM "Upload" WHERE "tokenName" = 'upload rehearsal'`),
      audit: await n(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "tokenName" = 'upload rehearsal'`),
      versions: await n(`SELECT count(*)::int AS n FROM "RoundVersion" WHERE actor = 'upload rehearsal'`),
      history: await n(`SELECT count(*)::int AS n FROM "SubmissionHistory" WHERE "row"->>'slug' LIKE 'rehearsal-%'`),
    };
  });
}

describe("upload rehearsal", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(inject("databaseUrl"), { max: 1 });
  });
  afterAll(() => db?.$disconnect());

  test("runs a whole batch through the upload service, then rolls it back: no row, version or audit entry stays", async () => {
    const before = await traces();
    const round = await withDb(async (c) => (await c.query(`SELECT id, "dataVersion" FROM "Round" ORDER BY id LIMIT 1`)).rows[0]);
    const body = await rehearsalBody(db);
    expect(body).not.toBeNull();
    const input = parseUpload(JSON.parse(body!));
    const result = await uploadRuns(db, input, {
      token: REHEARSAL_TOKEN,
      payloadHash: "rehearsal",
      ip: null,
      startedAt: Date.now(),
      rehearsal: rehearsalReplacement(input),
    });
    // Everything a real upload does was done: every run derived, planned and written, then replaced (so it was there), in the transaction.
    expect(result.counts).toEqual({ runs: REHEARSAL_RUNS, created: 0, unchanged: 0, replaced: REHEARSAL_RUNS });
    expect(result.submissions.map((s) => s.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(result.runs.filter((r) => r.reached).length).toBeGreaterThan(0);
    expect(result.runs.filter((r) => !r.reached).length).toBeGreaterThan(0);
    expect(await traces()).toEqual(before);
    expect(before).toEqual({ submissions: 0, runs: 0, uploads: 0, audit: 0, versions: 0, history: 0 });
    const after = await withDb(async (c) => (await c.query(`SELECT "dataVersion" FROM "Round" WHERE id = $1`, [round.id])).rows[0]);
    expect(after.dataVersion).toBe(round.dataVersion);
  });

  test("a client cannot ask for it: the header from outside is dropped and the request is an ordinary upload", async () => {
    const r = await post("/api/trpc/ingest.upload", { round: "x", runs: [] }, { headers: { [REHEARSAL_HEADER]: "0".repeat(64) } });
    expect(r.status).toBe(401);
    expect(await traces()).toEqual({ submissions: 0, runs: 0, uploads: 0, audit: 0, versions: 0, history: 0 });
  });

  test("with the process's key, the rehearsal identity uploads (and writes nothing) but may call no other procedure", async () => {
    const key = "k".repeat(64);
    process.env[REHEARSAL_KEY_ENV] = key;
    try {
      const caller = appRouter.createCaller(createContext({ headers: new Headers({ [REHEARSAL_HEADER]: key }), db }));
      const input = JSON.parse((await rehearsalBody(db))!);
      const result = await caller.ingest.upload(input);
      expect(result.counts).toEqual({ runs: REHEARSAL_RUNS, created: 0, unchanged: 0, replaced: REHEARSAL_RUNS });
      await expect(caller.admin.hideSubmission({ round: input.round, submission: input.submissions[0].slug, hidden: true })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
      // A wrong key is no key.
      const other = appRouter.createCaller(createContext({ headers: new Headers({ [REHEARSAL_HEADER]: "j".repeat(64) }), db }));
      await expect(other.ingest.upload(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    } finally {
      delete process.env[REHEARSAL_KEY_ENV];
    }
    expect(await traces()).toEqual({ submissions: 0, runs: 0, uploads: 0, audit: 0, versions: 0, history: 0 });
  });
});
