// Property-based: random upload requests, valid-looking and broken (wrong
// types, huge, negative and non-finite numbers, any Unicode including NUL and
// lone surrogates, missing fields, random extra keys, unknown rounds and
// workloads, bodies that are not JSON), sent through the real HTTP endpoint.
// - Never a 5xx.
// - A rejected request changes nothing but its own record (one Upload row
//   with outcome "rejected" and one audit entry).
// - An accepted one changes exactly what its answer says: the round's runs,
//   eval series, submissions and derived results follow a model updated only
//   from the answers, and elsewhere only its Upload row and audit entry.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";

const ROUND = unique("test-upload-props");
const SUBMISSIONS = ["p-a", "p-b", "p-c"];
const WORKLOADS = ["w1", "w2"];
let token: string;
let client: pg.Client;

beforeAll(async () => {
  await createRound({
    slug: ROUND,
    studiesExpected: 2,
    trialsExpected: 2,
    workloads: [workload("w1", { target: 0.5, direction: "min", budgetSeconds: 1000 }), workload("w2", { metricName: "validation/accuracy", target: 0.8, direction: "max", budgetSeconds: 500 })],
  });
  token = await createToken(unique("props"));
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await dropRound(ROUND);
});

// ---- generators ------------------------------------------------------------

/** Strings a hostile or careless client sends: markup, formulas, any Unicode, NUL, lone surrogates, very long. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "<script>alert(1)</script>", "=1+2", "'; DROP TABLE \"Run\"; --", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚀", "x".repeat(5001)),
);
/** Numbers of every kind JSON can carry (non-finite ones become null in JSON.stringify). */
const anyNumber = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53 + 1, 1e12, 1e12 + 1, 0.5, Number.NaN, Infinity));
const junk: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, anyNumber);

/** Sometimes replaces a field's value by junk, drops it, or adds random extra keys. */
function mangle<T extends Record<string, unknown>>(arb: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(arb, fc.nat({ max: 9 }), fc.string({ maxLength: 12 }), junk, fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 2 })).map(([value, how, key, j, extra]) => {
    const out: Record<string, unknown> = { ...value };
    const keys = Object.keys(out);
    const target = keys.length ? keys[key.length % keys.length]! : key;
    if (how === 0) out[target] = j;
    else if (how === 1) delete out[target];
    else if (how === 2) Object.assign(out, extra);
    return out;
  });
}

const series = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    steps: fc.array(fc.nat({ max: 10_000 }), { minLength: n, maxLength: n }).map((a) => a.sort((x, y) => x - y)),
    times: fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: n, maxLength: n }).map((a) => a.sort((x, y) => x - y)),
    metrics: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null, freq: 6 }), { minLength: n, maxLength: n }),
  }),
);

const timeToTarget = fc.oneof(
  fc.record({ reached: fc.constant(true), seconds: fc.double({ min: 0, max: 3000, noNaN: true }), firstHitIndex: fc.nat({ max: 20 }) }),
  fc.constant({ reached: false }),
  fc.record({ reached: fc.boolean(), seconds: anyNumber }, { requiredKeys: [] }),
);

const identity = fc.record({
  submission: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SUBMISSIONS) }, { weight: 1, arbitrary: nastyString }),
  workload: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WORKLOADS) }, { weight: 1, arbitrary: nastyString }),
  study: fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: anyNumber }),
  trial: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 2 }) }, { weight: 1, arbitrary: anyNumber }),
});

const runArb = fc
  .tuple(identity, fc.oneof(timeToTarget.map((t) => ({ timeToTarget: t })), series.map((e) => ({ evals: e }))), fc.boolean(), fc.option(nastyString, { freq: 4 }))
  .map(([id, time, withClientId, hardware]) => ({
    ...id,
    ...time,
    // A client run id tied to the identity, so runs never move between identities here.
    ...(withClientId ? { clientRunId: `${String(id.workload)}/${String(id.study)}/${String(id.trial)}` } : {}),
    ...(hardware === null ? {} : { hardware }),
  }));

const declaration = fc.record(
  {
    slug: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SUBMISSIONS) }, { weight: 1, arbitrary: nastyString }),
    displayName: nastyString,
    family: nastyString,
    horizon: fc.oneof(fc.constantFrom(0.33, 0.5, 0.66), anyNumber),
    hyperparameters: fc.oneof(fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), junk),
    notes: nastyString,
  },
  { requiredKeys: ["slug"] },
);

const uploadBody = fc.record(
  {
    round: fc.oneof({ weight: 10, arbitrary: fc.constant(ROUND) }, { weight: 1, arbitrary: fc.constantFrom("paper-2505.24005", "no-such-round") }, { weight: 1, arbitrary: nastyString }),
    replace: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk }),
    submissions: fc.oneof(fc.array(mangle(declaration), { maxLength: 3 }), junk),
    runs: fc.oneof({ weight: 6, arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: runArb }, { weight: 1, arbitrary: mangle(runArb) }), { minLength: 1, maxLength: 6 }) }, { weight: 1, arbitrary: junk }),
  },
  { requiredKeys: ["runs"] },
);

/** A well-formed upload for the test round: accepted unless it conflicts with what is stored. */
const validBody = fc
  .record({
    replace: fc.boolean(),
    runs: fc.uniqueArray(
      fc.record({
        submission: fc.constantFrom(...SUBMISSIONS),
        workload: fc.constantFrom(...WORKLOADS),
        study: fc.nat({ max: 2 }),
        trial: fc.integer({ min: 1, max: 2 }),
        time: fc.oneof(timeToTarget.filter((t: { reached?: boolean; seconds?: number }) => (t.reached === false && t.seconds === undefined) || (t.reached === true && typeof t.seconds === "number" && t.seconds >= 0 && Number.isFinite(t.seconds))).map((t) => ({ timeToTarget: t })), series.map((e) => ({ evals: e }))),
      }),
      { minLength: 1, maxLength: 6, selector: (r) => `${r.submission}/${r.workload}/${r.study}/${r.trial}` },
    ),
  })
  .map(({ replace, runs }) => ({
    round: ROUND,
    replace,
    submissions: [...new Set(runs.map((r) => r.submission))].map((slug) => ({ slug })),
    runs: runs.map(({ time, ...id }) => ({ ...id, ...time })),
  }));

/** A request body: well-formed ones, damaged ones, random JSON, and text that is not JSON at all. */
const request = fc.oneof(
  { weight: 8, arbitrary: validBody.map((b) => JSON.stringify(b)) },
  { weight: 4, arbitrary: mangle(validBody).map((b) => JSON.stringify(b)) },
  { weight: 6, arbitrary: uploadBody.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: mangle(uploadBody).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom("", "{", '{"round": NaN}', '{"runs": [{"study": Infinity}]}', "[1,2", "\u0000")) },
);

// ---- what the database holds -------------------------------------------------

const TABLES = ["Round", "Workload", "Submission", "Run", "RunEvals", "WorkloadResult", "Upload", "ApiToken", "AuditLog"] as const;

async function snapshot() {
  const totals = (await client.query(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ")}`)).rows[0] as Record<string, number>;
  const runs = (
    await client.query(
      `SELECT s.slug, w.key, x.study, x.trial, x.id, (e."runId" IS NOT NULL) AS evals FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Workload" w ON w.id = x."workloadId" JOIN "Round" r ON r.id = x."roundId" LEFT JOIN "RunEvals" e ON e."runId" = x.id WHERE r.slug = $1`,
      [ROUND],
    )
  ).rows;
  const round = (
    await client.query(
      `SELECT (SELECT count(*) FROM "Submission" s WHERE s."roundId" = r.id)::int AS submissions, (SELECT count(*) FROM "WorkloadResult" w WHERE w."roundId" = r.id)::int AS results, r."dataVersion" AS version FROM "Round" r WHERE r.slug = $1`,
      [ROUND],
    )
  ).rows[0];
  return { totals, runs: new Map(runs.map((r) => [`${r.slug}/${r.key}/${r.study}/${r.trial}`, { id: r.id as number, evals: r.evals as boolean }])), round };
}

/** The round's state as the answers describe it. */
const model = { runs: new Map<string, { id: number; evals: boolean }>(), submissions: new Set<string>() };

// ---- the property --------------------------------------------------------------

test("random upload requests: never a 5xx; rejected ones change nothing but their record; accepted ones change exactly what they say", async () => {
  const seen = { accepted: 0, rejected: new Map<number, number>() };
  await fc.assert(
    fc.asyncProperty(request, async (body) => {
      const before = await snapshot();
      const res = await fetch(`${inject("baseUrl")}/api/v1/runs`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
      const text = await res.text();
      expect(res.status, text.slice(0, 500)).toBeLessThan(500);
      const answer = JSON.parse(text);
      const after = await snapshot();

      if (res.status === 200 || res.status === 201) {
        seen.accepted++;
        const sent = JSON.parse(body) as { runs: { evals?: unknown }[] };
        expect(answer.counts.runs).toBe(sent.runs.length);
        expect(answer.counts.created + answer.counts.unchanged + answer.counts.replaced).toBe(sent.runs.length);
        for (const s of answer.submissions) if (s.status === "created") model.submissions.add(s.slug);
        for (const r of answer.runs) {
          const key = `${r.submission}/${r.workload}/${r.study}/${r.trial}`;
          if (r.status === "unchanged") expect(model.runs.get(key)?.id, key).toBe(r.id);
          else model.runs.set(key, { id: r.id, evals: sent.runs[r.index]!.evals != null });
        }
        expect(after.runs).toEqual(model.runs);
        expect(after.round.submissions).toBe(model.submissions.size);
        expect(after.round.results).toBe(new Set([...model.runs.keys()].map((k) => k.split("/").slice(0, 2).join("/"))).size);
        const changed = answer.counts.created + answer.counts.replaced > 0 || answer.submissions.some((s: { status: string }) => s.status !== "unchanged");
        expect(res.status).toBe(changed ? 201 : 200);
        expect(after.round.version).toBe(before.round.version + (changed ? 1 : 0));
        const elsewhere = { ...after.totals, Submission: 0, Run: 0, RunEvals: 0, WorkloadResult: 0 };
        expect(elsewhere).toEqual({ ...before.totals, Submission: 0, Run: 0, RunEvals: 0, WorkloadResult: 0, Upload: before.totals.Upload! + 1, AuditLog: before.totals.AuditLog! + 1 });
      } else {
        seen.rejected.set(res.status, (seen.rejected.get(res.status) ?? 0) + 1);
        expect([400, 403, 409, 413], text.slice(0, 500)).toContain(res.status);
        expect(answer.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        for (const issue of answer.error.issues) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
        expect(after.runs).toEqual(before.runs);
        expect(after.round).toEqual(before.round);
        expect(after.totals).toEqual({ ...before.totals, Upload: before.totals.Upload! + 1, AuditLog: before.totals.AuditLog! + 1 });
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
  );
  // The generators reach both sides of the property.
  expect(seen.accepted).toBeGreaterThan(10);
  expect(seen.rejected.get(400) ?? 0).toBeGreaterThan(20);
}, 300_000);
