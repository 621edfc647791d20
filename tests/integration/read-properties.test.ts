// Property-based: random query strings on every read endpoint (REST JSON and
// CSV, tRPC queries with and without batching, pages), with every parameter
// of the score, view and analysis query schemas (lib/server/services/scores.ts,
// lib/views/parse-query.ts, lib/server/services/analysis-*.ts) valid, at its
// bounds, past them, or garbage, plus unknown parameters. README "Garbage in
// never hurts": never a 5xx. Fixed, printed seed (READ_PROPERTY_SEED and
// READ_PROPERTY_RUNS override it).
import fc from "fast-check";
import { expect, inject, test } from "vitest";

const SEED = Number(process.env.READ_PROPERTY_SEED ?? 20_261_129);
const RUNS = Number(process.env.READ_PROPERTY_RUNS ?? 200);

const ROUNDS = ["algoperf-v0.6-external", "paper-2505.24005", "algoperf-v0.6-self-tuning", "no-such-round", "a%2Fb", "%E2%9C%93", "x".repeat(300)];

/** Numbers a parameter may receive: valid, at the bounds of the schemas (1, 2, 50, 100, 1000, 10,000, 2^32-1), past them, and not numbers. */
const numberText = fc.oneof(
  fc.integer({ min: -5, max: 120 }).map(String),
  fc.double({ min: -10, max: 2000, noNaN: true }).map(String),
  fc.constantFrom(
    "1",
    "1.0000001",
    "2",
    "4",
    "50",
    "51",
    "100",
    "101",
    "1000",
    "1000.5",
    "1001",
    "10000",
    "10001",
    "4294967295",
    "4294967296",
    "2147483648",
    "1e15",
    "1e308",
    "-0",
    "-1",
    "NaN",
    "Infinity",
    "0x10",
    "1e",
    "",
    " 3",
    "abc",
  ),
);
const slugText = fc.oneof(
  fc.constantFrom("baseline", "shampoo", "adamw-33-1", "schedule-free-adamw", "nope", "a,b", ",", "algoperf-v0.5-external/baseline", "../x", "<script>"),
  fc.string({ maxLength: 12 }),
  fc.constant("s".repeat(301)),
);
const listText = fc.array(slugText, { maxLength: 5 }).map((a) => a.join(","));

/** Every parameter of the read query schemas, with values of its kind and of any other. */
const PARAMS: Record<string, fc.Arbitrary<string>> = {
  pool: listText,
  tauMax: numberText,
  points: numberText,
  scale: fc.constantFrom("linear", "log", "cubic", ""),
  integration: fc.constantFrom("trapezoid", "exact", "simpson", ""),
  reference: slugText,
  format: fc.constantFrom("json", "csv", "xml", ""),
  horizon: fc.constantFrom("33", "50", "66", "none", "1000", "x", "-1", ""),
  family: fc.string({ maxLength: 30 }),
  base: fc.string({ maxLength: 30 }),
  source: fc.constantFrom("published", "imported", "uploaded", "other"),
  add: slugText,
  remove: slugText,
  sort: fc.constantFrom("score", "name", "rank", "w:ogbg", "w:", "w:<x>", "nope"),
  dir: fc.constantFrom("asc", "desc", "up"),
  axis: fc.constantFrom("linear", "log", "x"),
  hide: slugText,
  k: numberText,
  submission: slugText,
  from: numberText,
  to: numberText,
  steps: numberText,
  seed: numberText,
  baseline: slugText,
  pricePerGpuHour: numberText,
  resamples: fc.oneof(
    fc.constantFrom("10", "9", "200", "10001", "-5", "abc"),
    numberText.filter((n) => !(Number(n) > 300)),
  ),
};

const query = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(PARAMS)), fc.constant(null)) },
      { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })) },
    ),
    { maxLength: 6 },
  )
  .chain((pairs) => fc.tuple(...pairs.map(([k, v]) => (v === null ? PARAMS[k]!.map((value) => [k, value] as const) : fc.constant([k, v] as const)))))
  .map((pairs) => new URLSearchParams(pairs as [string, string][]).toString());

/** Every read path: REST JSON/CSV endpoints and pages of a round, the paper, and tRPC queries. */
const PATHS = [
  "/api/v1/rounds",
  "/api/v1/rounds/{round}/scores",
  "/api/v1/rounds/{round}/leaderboard",
  "/api/v1/rounds/{round}/profiles",
  "/api/v1/rounds/{round}/workloads",
  "/api/v1/rounds/{round}/workloads/ogbg",
  "/api/v1/rounds/{round}/submissions/baseline",
  "/api/v1/rounds/{round}/submissions/baseline/evals",
  "/api/v1/rounds/{round}/uncertainty",
  "/api/v1/rounds/{round}/sensitivity",
  "/api/v1/rounds/{round}/horizon",
  "/api/v1/rounds/{round}/calibration",
  "/api/v1/rounds/{round}/tau-sensitivity",
  "/api/v1/rounds/{round}/tuning",
  "/api/v1/rounds/{round}/cost",
  "/api/v1/rounds/{round}/hyperparameters",
  "/api/v1/paper",
  "/rounds/{round}",
  "/rounds/{round}/profiles",
  "/analysis/{round}/tau",
  "/analysis/{round}/tuning",
  "/analysis/{round}/calibration",
  "/workloads",
  "/paper",
];

/** tRPC queries, batched or not, with inputs of the right shape, the wrong one, or not JSON. */
const trpcInput = fc.oneof(
  fc.record({ round: fc.oneof(fc.constantFrom(...ROUNDS), fc.string({ maxLength: 10 })) }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? "null"),
  fc.constantFrom("", "{", "[1,2", '{"round": NaN}', `{"round": ${"[".repeat(200)}}`),
);
const trpcUrl = fc.oneof(
  fc
    .tuple(fc.constantFrom("ingest.round", "rounds.list", "ingest.upload", "nope.nope"), trpcInput)
    .map(([p, i]) => `/api/trpc/${p}?input=${encodeURIComponent(i)}`),
  fc
    .tuple(fc.constantFrom("ingest.round", "rounds.list", "ingest.round,rounds.list", "ingest.round,ingest.upload"), trpcInput)
    .map(([p, i]) => `/api/trpc/${p}?batch=1&input=${encodeURIComponent(`{"0":${i},"1":${i}}`)}`),
  fc.tuple(fc.constantFrom("ingest.round", "rounds.list"), trpcInput).map(([p, i]) => `/api/trpc/${p}?batch=1&input=${encodeURIComponent(i)}`),
);

const url = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom(...ROUNDS), query).map(([p, r, q]) => `${p.replace("{round}", r)}${q ? `?${q}` : ""}`),
  },
  { weight: 1, arbitrary: trpcUrl },
);

test("random query strings on every read endpoint, page and tRPC query: never a 5xx", async () => {
  console.log(`read-properties: seed ${SEED}, ${RUNS} runs (set READ_PROPERTY_SEED / READ_PROPERTY_RUNS to change them)`);
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(url, async (path) => {
      const res = await fetch(`${inject("baseUrl")}${path}`, { redirect: "manual" });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  console.log(`read-properties: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  // Both sides are reached: answers and refusals.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
}, 600_000);
