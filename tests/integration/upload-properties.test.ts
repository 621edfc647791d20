// Property-based: random upload requests, valid-looking and broken (wrong
// types, huge, negative and non-finite numbers, any Unicode including NUL and
// lone surrogates, missing fields, random extra keys, unknown rounds and
// workloads, bodies that are not JSON), sent through the real HTTP endpoints:
// REST and tRPC, each with and without a query string (`?batch=1` included).
// Every field of lib/ingest/upload-schema.ts is generated, numbers reach the
// ranges of their database columns (prisma/schema.prisma: Int is 32-bit, so
// 2^31-1, 2^31, 3e9, 1e12, 1e15, negative and fractional values are sent).
// The seed is fixed and printed (PROPERTY_SEED, PROPERTY_RUNS override it).
// - Never a 5xx.
// - A rejected request changes nothing but its own record (one Upload row
//   with outcome "rejected" and one audit entry).
// - An accepted one changes exactly what its answer says: the round's runs,
//   eval series, submissions and derived results follow a model updated only
//   from the answers, and elsewhere only its Upload row and audit entry.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { resultRows, type RunRow } from "@/lib/ingest/refresh-results";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";

const ROUND = unique("test-upload-props");
/** A step-budget round (fractions of budgetSteps, like the paper's): where `fraction` and `steps` are the scored time. */
const STEPS_ROUND = unique("test-upload-props-steps");
const ROUNDS = [ROUND, STEPS_ROUND];
const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_129);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const SUBMISSIONS = ["p-a", "p-b", "p-c"];
const WORKLOADS = ["w1", "w2"];
let token: string;
let client: pg.Client;

beforeAll(async () => {
  await createRound({
    slug: ROUND,
    studiesExpected: 2,
    trialsExpected: 2,
    workloads: [
      workload("w1", { target: 0.5, direction: "min", budgetSeconds: 1000 }),
      workload("w2", { metricName: "validation/accuracy", target: 0.8, direction: "max", budgetSeconds: 500 }),
    ],
  });
  await createRound({
    slug: STEPS_ROUND,
    timeBasis: "budget_fraction",
    studiesExpected: 2,
    trialsExpected: 2,
    workloads: [
      workload("w1", { target: 0.5, direction: "min", budgetSeconds: null, budgetSteps: 20_000 }),
      workload("w2", { metricName: "validation/accuracy", target: 0.8, direction: "max", budgetSeconds: null, budgetSteps: 2_000_000_000 }),
    ],
  });
  token = await createToken(unique("props"));
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await dropRound(ROUND);
  await dropRound(STEPS_ROUND);
});

// ---- generators ------------------------------------------------------------

/** Strings a hostile or careless client sends: markup, formulas, any Unicode, NUL, lone surrogates, very long. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "<script>alert(1)</script>",
    "=1+2",
    '\'; DROP TABLE "Run"; --',
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚀",
    "x".repeat(5001),
  ),
);
/** Numbers of every kind JSON can carry (non-finite ones become null in JSON.stringify). */
const anyNumber = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53 + 1, 1e12, 1e12 + 1, 0.5, Number.NaN, Infinity),
);
/** Integers around the ranges of the database columns (32-bit Int) and of JSON numbers, and near-integers. */
const columnBound = fc.constantFrom(
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  3e9,
  1e12,
  1e12 + 1,
  1e15,
  Number.MAX_SAFE_INTEGER,
  -1,
  0.5,
  1.5,
  10_001,
  100_000,
  100_001,
  1e6 + 1,
);
/** An integer field: usually small and valid, sometimes at or past a bound. */
const intField = (max: number) =>
  fc.oneof({ weight: 6, arbitrary: fc.nat({ max }) }, { weight: 2, arbitrary: columnBound }, { weight: 1, arbitrary: anyNumber });
/** A number field: usually a plausible value, sometimes a bound or anything. */
const numField = (max: number) =>
  fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max, noNaN: true }) }, { weight: 2, arbitrary: columnBound }, { weight: 1, arbitrary: anyNumber });
/** An optional text field: absent, null, plausible or nasty. */
const textField = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 20 }), nastyString);

/** Drops the keys whose value is undefined (absent fields). */
const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const junk: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, anyNumber);
/** Free-form JSON: plausible, too deep (past 8 levels), or not an object at all. */
const hyperparameters = fc.oneof(
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 10 }), { maxKeys: 3 }),
  junk,
);

/** Sometimes replaces a field's value by junk, drops it, or adds random extra keys. */
function mangle<T extends Record<string, unknown>>(arb: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(arb, fc.nat({ max: 9 }), fc.string({ maxLength: 12 }), junk, fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 2 }))
    .map(([value, how, key, j, extra]) => {
      const out: Record<string, unknown> = { ...value };
      const keys = Object.keys(out);
      const target = keys.length ? keys[key.length % keys.length]! : key;
      if (how === 0) out[target] = j;
      else if (how === 1) delete out[target];
      else if (how === 2) Object.assign(out, extra);
      return out;
    });
}

/** Eval steps: small, large (past 10,000, up to the 32-bit column's maximum) or at a bound. */
const evalStep = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 10_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 10_001, max: 2 ** 31 - 1 }) },
  { weight: 1, arbitrary: columnBound },
);
const series = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record(
    {
      metricName: fc.oneof(fc.constantFrom("validation/loss", "validation/accuracy"), textField),
      steps: fc.array(evalStep, { minLength: n, maxLength: n }).map((a) => a.sort((x, y) => x - y)),
      times: fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: n, maxLength: n }).map((a) => a.sort((x, y) => x - y)),
      metrics: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null, freq: 6 }), { minLength: n, maxLength: n }),
    },
    { requiredKeys: ["steps", "times", "metrics"] },
  ),
);

const timeToTarget = fc.oneof(
  fc.record({ reached: fc.constant(true), seconds: fc.double({ min: 0, max: 3000, noNaN: true }), firstHitIndex: fc.nat({ max: 20 }) }),
  fc.constant({ reached: false }),
  // Every field, each valid or at a bound: steps and fraction are the scored time of the step-budget round.
  fc.record(
    { reached: fc.constant(true), seconds: numField(3000), steps: intField(40_000), fraction: numField(2), firstHitIndex: intField(20) },
    { requiredKeys: ["reached"] },
  ),
  fc.record({ reached: fc.constant(true), steps: fc.oneof(fc.nat({ max: 40_000 }), columnBound) }),
  fc.record({ reached: fc.constant(true), fraction: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), columnBound) }),
  fc.record({ reached: fc.boolean(), seconds: anyNumber, steps: anyNumber, fraction: anyNumber, firstHitIndex: anyNumber }, { requiredKeys: [] }),
);

const identity = fc.record({
  submission: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SUBMISSIONS) }, { weight: 1, arbitrary: nastyString }),
  workload: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WORKLOADS) }, { weight: 1, arbitrary: nastyString }),
  study: fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: columnBound }, { weight: 1, arbitrary: anyNumber }),
  trial: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 2 }) }, { weight: 1, arbitrary: columnBound }, { weight: 1, arbitrary: anyNumber }),
});

/** The optional fields of a run (provenance and order), each absent, valid or hostile. */
const runExtras = fc.record(
  {
    position: intField(3),
    bestMetric: numField(1),
    hardware: textField,
    framework: textField,
    codeCommit: textField,
    hyperparameters,
    notes: textField,
  },
  { requiredKeys: [] },
);

const runArb = fc
  .tuple(
    identity,
    fc.oneof(
      timeToTarget.map((t) => ({ timeToTarget: t })),
      series.map((e) => ({ evals: e })),
    ),
    fc.boolean(),
    fc.option(runExtras, { freq: 3 }),
  )
  .map(([id, time, withClientId, extras]) =>
    defined({
      ...id,
      ...time,
      // A client run id tied to the identity, so runs never move between identities here.
      ...(withClientId ? { clientRunId: `${String(id.workload)}/${String(id.study)}/${String(id.trial)}` } : {}),
      ...(extras ?? {}),
    }),
  );

const declaration = fc
  .record(
    {
      slug: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SUBMISSIONS) }, { weight: 1, arbitrary: nastyString }),
      displayName: textField,
      baseAlgorithm: textField,
      family: textField,
      baseOptimizer: textField,
      horizon: fc.oneof(fc.constantFrom(0.33, 0.5, 0.66, 1, 0, null), anyNumber),
      searchRank: fc.oneof(fc.integer({ min: 1, max: 3 }), columnBound, anyNumber),
      hyperparameters,
      authors: textField,
      affiliation: textField,
      framework: textField,
      notes: textField,
    },
    { requiredKeys: ["slug"] },
  )
  .map(defined);

const uploadBody = fc.record(
  {
    round: fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...ROUNDS) },
      { weight: 1, arbitrary: fc.constantFrom("paper-2505.24005", "no-such-round") },
      { weight: 1, arbitrary: nastyString },
    ),
    replace: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: junk }),
    submissions: fc.oneof(fc.array(mangle(declaration), { maxLength: 3 }), junk),
    runs: fc.oneof(
      { weight: 6, arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: runArb }, { weight: 1, arbitrary: mangle(runArb) }), { minLength: 1, maxLength: 6 }) },
      { weight: 1, arbitrary: junk },
    ),
  },
  { requiredKeys: ["runs"] },
);

/** A well-formed upload for the test round: accepted unless it conflicts with what is stored. */
const validBody = fc
  .record({
    round: fc.constantFrom(...ROUNDS),
    replace: fc.boolean(),
    runs: fc.uniqueArray(
      fc.record({
        submission: fc.constantFrom(...SUBMISSIONS),
        workload: fc.constantFrom(...WORKLOADS),
        study: fc.nat({ max: 2 }),
        trial: fc.integer({ min: 1, max: 2 }),
        time: fc.oneof(
          fc.constant({ timeToTarget: { reached: false } }),
          // Valid in either round: seconds and steps within the columns' range (fraction derived from steps).
          fc
            .record({
              reached: fc.constant(true),
              seconds: fc.double({ min: 0, max: 3000, noNaN: true }),
              steps: fc.nat({ max: 2 ** 31 - 1 }),
              firstHitIndex: fc.nat({ max: 100_000 }),
            })
            .map((t) => ({ timeToTarget: t })),
          series.map((e) => ({ evals: { ...e, metricName: undefined } })),
        ),
      }),
      { minLength: 1, maxLength: 6, selector: (r) => `${r.submission}/${r.workload}/${r.study}/${r.trial}` },
    ),
  })
  .map(({ round, replace, runs }) => ({
    round,
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

// ---- where it is sent ------------------------------------------------------------

interface Answer {
  /** The status of this upload: the HTTP status, or in a tRPC batch the item's own. */
  status: number;
  data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  error?: { code: string; message: string; issues: { path: string; message: string }[] | null };
}

/** Each path an upload can take: the REST alias and tRPC, with query strings a client may add (batching included). */
const ENDPOINTS: { name: string; url: string; wrap?: (body: string) => string; batch?: boolean }[] = [
  { name: "REST", url: "/api/v1/runs" },
  { name: "REST with a query string", url: "/api/v1/runs?round=x&replace=true&input=%7B%7D" },
  { name: "REST ?batch=1", url: "/api/v1/runs?batch=1" },
  { name: "tRPC", url: "/api/trpc/ingest.upload" },
  { name: "tRPC with a query string", url: "/api/trpc/ingest.upload?input=%7B%22round%22%3A1%7D&x=%00" },
  { name: "tRPC ?batch=1", url: "/api/trpc/ingest.upload?batch=1", wrap: (b) => `{"0":${b}}`, batch: true },
  { name: "tRPC ?batch=1, body not wrapped", url: "/api/trpc/ingest.upload?batch=1", batch: true },
  { name: "tRPC ?batch=1, two procedures", url: "/api/trpc/ingest.upload,ingest.upload?batch=1", wrap: (b) => `{"0":${b},"1":${b}}`, batch: true },
];

/* eslint-disable @typescript-eslint/no-explicit-any -- tRPC envelopes under test */
const fromTrpc = (item: any, status: number): Answer =>
  item.result
    ? { status, data: item.result.data }
    : // tRPC's error shape, or the app's own when the address itself was refused before tRPC (proxy.ts).
      {
        status,
        error: { code: item.error?.data?.code ?? item.error?.code, message: item.error?.message, issues: item.error?.data?.issues ?? item.error?.issues },
      };
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The answers to one request, one per upload it carried. */
function answersOf(endpoint: (typeof ENDPOINTS)[number], status: number, text: string): Answer[] {
  const json = JSON.parse(text);
  if (endpoint.batch) {
    expect(Array.isArray(json), text.slice(0, 300)).toBe(true);
    return (json as { error?: { data?: { httpStatus?: number } } }[]).map((item) => fromTrpc(item, item.error?.data?.httpStatus ?? 200));
  }
  if (endpoint.url.startsWith("/api/trpc")) return [fromTrpc(json, status)];
  return [status < 300 ? { status, data: json } : { status, error: json.error }];
}

// ---- what the database holds -------------------------------------------------

const TABLES = ["Round", "Workload", "Submission", "Run", "RunEvals", "WorkloadResult", "Upload", "ApiToken", "AuditLog"] as const;

async function snapshot() {
  const totals = (await client.query(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ")}`)).rows[0] as Record<
    string,
    number
  >;
  const runs = (
    await client.query(
      `SELECT r.slug AS round, s.slug, w.key, x.study, x.trial, x.id, (e."runId" IS NOT NULL) AS evals FROM "Run" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Workload" w ON w.id = x."workloadId" JOIN "Round" r ON r.id = x."roundId" LEFT JOIN "RunEvals" e ON e."runId" = x.id WHERE r.slug = ANY($1)`,
      [ROUNDS],
    )
  ).rows;
  const round = (
    await client.query(
      `SELECT r.slug, (SELECT count(*) FROM "Submission" s WHERE s."roundId" = r.id)::int AS submissions, (SELECT count(*) FROM "WorkloadResult" w WHERE w."roundId" = r.id)::int AS results, r."dataVersion" AS version FROM "Round" r WHERE r.slug = ANY($1) ORDER BY r.slug`,
      [ROUNDS],
    )
  ).rows;
  return {
    totals,
    runs: new Map(runs.map((r) => [`${r.round}/${r.slug}/${r.key}/${r.study}/${r.trial}`, { id: r.id as number, evals: r.evals as boolean }])),
    rounds: new Map(round.map((r) => [r.slug as string, { submissions: r.submissions as number, results: r.results as number, version: r.version as number }])),
  };
}

/** The rounds' state as the answers describe it. */
const model = { runs: new Map<string, { id: number; evals: boolean }>(), submissions: new Map<string, Set<string>>(ROUNDS.map((r) => [r, new Set()])) };

// ---- the property --------------------------------------------------------------

test("random upload requests through every path: never a 5xx; rejected ones change nothing but their record; accepted ones change exactly what they say", async () => {
  console.log(`upload-properties: seed ${SEED}, ${RUNS} runs (set PROPERTY_SEED / PROPERTY_RUNS to change them)`);
  const seen = { accepted: 0, rejected: new Map<number, number>(), endpoints: new Set<string>() };
  await fc.assert(
    fc.asyncProperty(request, fc.constantFrom(...ENDPOINTS), async (body, endpoint) => {
      const before = await snapshot();
      const res = await fetch(`${inject("baseUrl")}${endpoint.url}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: endpoint.wrap ? endpoint.wrap(body) : body,
      });
      const text = await res.text();
      expect(res.status, `${endpoint.name}: ${text.slice(0, 500)}`).toBeLessThan(500);
      seen.endpoints.add(endpoint.name);
      const answers = answersOf(endpoint, res.status, text);
      const after = await snapshot();
      const accepted = answers.filter((a) => a.data);
      for (const a of answers) expect(a.status, `${endpoint.name}: ${text.slice(0, 500)}`).toBeLessThan(500);

      // Every rejection is a 4xx naming its problems.
      for (const a of answers.filter((x) => x.error)) {
        seen.rejected.set(a.status, (seen.rejected.get(a.status) ?? 0) + 1);
        expect([400, 403, 409, 413], `${endpoint.name}: ${text.slice(0, 500)}`).toContain(a.status);
        expect(a.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        expect(a.error!.issues?.length, `${endpoint.name}: ${text.slice(0, 500)}`).toBeGreaterThan(0);
        for (const issue of a.error!.issues!) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
      }
      // Each upload of the request (accepted or rejected) leaves its Upload row and audit entry,
      // except a request whose address is refused before it reaches the procedure (README "Tokens").
      const recorded = answers.filter((a) => !a.error?.issues?.some((i) => i.path === "(url)")).length;
      expect(after.totals.Upload).toBe(before.totals.Upload! + recorded);
      expect(after.totals.AuditLog).toBe(before.totals.AuditLog! + recorded);

      // Only an accepted body is JSON for sure.
      const sent = (accepted.length ? JSON.parse(body) : null) as { round: string; runs: { evals?: unknown }[] };
      const unchanged: { key: string; id: number }[] = [];
      for (const a of accepted) {
        seen.accepted++;
        const answer = a.data;
        expect(answer.counts.runs).toBe(sent.runs.length);
        expect(answer.counts.created + answer.counts.unchanged + answer.counts.replaced).toBe(sent.runs.length);
        for (const sub of answer.submissions) if (sub.status === "created") model.submissions.get(sent.round)!.add(sub.slug);
        for (const r of answer.runs) {
          const key = `${sent.round}/${r.submission}/${r.workload}/${r.study}/${r.trial}`;
          if (r.status !== "unchanged") model.runs.set(key, { id: r.id, evals: sent.runs[r.index]!.evals != null });
        }
        // A batch of two runs its calls concurrently: either may be the one that wrote.
        for (const r of answer.runs)
          if (r.status === "unchanged") unchanged.push({ key: `${sent.round}/${r.submission}/${r.workload}/${r.study}/${r.trial}`, id: r.id });
        const changed = answer.counts.created + answer.counts.replaced > 0 || answer.submissions.some((x: { status: string }) => x.status !== "unchanged");
        if (endpoint.url.startsWith("/api/v1/")) expect(a.status).toBe(changed ? 201 : 200);
        else expect(a.status).toBe(200);
      }
      for (const u of unchanged) expect(model.runs.get(u.key)?.id, u.key).toBe(u.id);
      // The rounds hold what the accepted answers say, and nothing a rejected one sent.
      expect(after.runs).toEqual(model.runs);
      for (const round of ROUNDS) {
        const runKeys = [...model.runs.keys()].filter((k) => k.startsWith(`${round}/`));
        expect(after.rounds.get(round)!.submissions).toBe(model.submissions.get(round)!.size);
        expect(after.rounds.get(round)!.results).toBe(new Set(runKeys.map((k) => k.split("/").slice(1, 3).join("/"))).size);
      }
      if (accepted.length === 0) expect(after.rounds).toEqual(before.rounds);
      const elsewhere = (t: Record<string, number>) => ({ ...t, Submission: 0, Run: 0, RunEvals: 0, WorkloadResult: 0, Upload: 0, AuditLog: 0 });
      expect(elsewhere(after.totals)).toEqual(elsewhere(before.totals));
    }),
    // No shrinking: the model carries state from request to request, so a replayed smaller case would be judged against a later state.
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  console.log(
    `upload-properties: ${seen.accepted} uploads accepted, rejected by status ${JSON.stringify(Object.fromEntries(seen.rejected))}, paths ${[...seen.endpoints].join("; ")}`,
  );
  // The generators reach both sides of the property, through every path.
  expect(seen.accepted).toBeGreaterThan(10);
  expect(seen.rejected.get(400) ?? 0).toBeGreaterThan(20);
  expect(seen.endpoints.size).toBe(ENDPOINTS.length);
}, 600_000);

test("after those uploads, every derived result equals its recomputation from the stored runs", async () => {
  // An upload computes its cells' results before the round's lock from the runs it read and wrote
  // (lib/server/services/upload.ts): they must be what refreshResults derives from the table.
  const stored = await client.query(
    `SELECT x."submissionId", x."workloadId", x."roundId", x.study, x.trial, x.position, x.reached, x."timeSeconds", x."timeFraction", x."firstHitIndex"
       FROM "Run" x JOIN "Round" r ON r.id = x."roundId" WHERE r.slug = ANY($1)`,
    [ROUNDS],
  );
  const results = await client.query(
    `SELECT w."submissionId", w."workloadId", w."roundId", w.reached, w."timeSeconds", w."timeFraction", w.studies, w."studiesHit", w."perStudy"
       FROM "WorkloadResult" w JOIN "Round" r ON r.id = w."roundId" WHERE r.slug = ANY($1)`,
    [ROUNDS],
  );
  const key = (r: { submissionId: number; workloadId: number }) => `${r.submissionId}:${r.workloadId}`;
  const expected = resultRows(stored.rows as RunRow[]).sort((a, b) => key(a).localeCompare(key(b)));
  expect(expected.length).toBeGreaterThan(5);
  expect(results.rows.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected);
});
