// npm start serves from WEB_CONCURRENCY worker processes (Node's cluster
// module, docs/deployment.md): they share the port, a dead worker is
// replaced, and SIGTERM stops them all. A cold view is rendered once per
// machine, not once per worker (docs/page-cache.md "One render per machine"),
// and a renderer that crashes does not wedge the workers waiting for it.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { startApp, type App } from "../support/stack";
import { createRound, createToken, dropRound, unique, workload } from "../support/ingest";
import { processAlive } from "@/lib/db/embedded";

const ROUND = unique("test-cluster-renders");
let app: App;
let token: string;
const workers = () => [...app.log().matchAll(/worker (\d+) listening/g)].map((m) => Number(m[1]));

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${app.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  // ALGOPERF_PAGE_CACHE_LOG: the primary logs every render lease and waiter, which the tests read.
  app = await startApp(inject("databaseUrl"), { WEB_CONCURRENCY: "2", ALGOPERF_PAGE_CACHE_LOG: "1" });
  await createRound({ slug: ROUND, studiesExpected: 1, trialsExpected: 1, workloads: ["w1", "w2"].map((k) => workload(k, { budgetSeconds: 1000 })) });
  token = await createToken(unique("cluster"), "admin");
  await until("two workers", () => workers().length >= 2);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await dropRound(ROUND);
});

type Answer = { status: number | "error"; how: string | null; body: string };
const read = (path: string): Promise<Answer> =>
  fetch(`${app.baseUrl}${path}`).then(
    async (res) => ({ status: res.status, how: res.headers.get("x-page-cache"), body: await res.text() }),
    () => ({ status: "error" as const, how: null, body: "" }),
  );

test("a cold view read by 8 readers at once across the 2 workers is rendered once; the other worker serves it too, without rendering", async () => {
  const res = await fetch(`${app.baseUrl}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      round: ROUND,
      submissions: [{ slug: "zeta-cluster" }],
      runs: ["w1", "w2"].map((w) => ({ submission: "zeta-cluster", workload: w, study: 0, trial: 1, timeToTarget: { reached: true, seconds: 100 } })),
    }),
  });
  expect(res.status, await res.text()).toBe(201);
  const path = `/rounds/${ROUND}/profiles`;
  const answers = await Promise.all(Array.from({ length: 8 }, () => read(path)));
  const how = answers.map((a) => a.how);
  // One render ("miss"); the readers on its worker waited in-process ("coalesced"), those on the other worker for its render ("peer").
  expect(
    how.filter((h) => h === "miss"),
    how.join(", "),
  ).toHaveLength(1);
  expect(how.filter((h) => h === "peer").length, how.join(", ")).toBeGreaterThan(0);
  for (const h of how) expect(["miss", "coalesced", "peer"]).toContain(h);
  for (const a of answers) expect(a.status).toBe(200);
  for (const a of answers) expect(a.body).toContain("zeta-cluster");
  expect([...app.log().matchAll(/page render: worker \d+ renders .*\/profiles/g)]).toHaveLength(1);
  // Both workers keep the page: later first readers on either get a hit.
  const later = await Promise.all(Array.from({ length: 4 }, () => read(path)));
  expect(later.map((a) => a.how)).toEqual(["hit", "hit", "hit", "hit"]);
}, 60_000);

test("the rendering worker crashes: the readers waiting on the other worker render the view themselves", async () => {
  // A view that takes a second or more to render (a new seed: a cold key; 8,000 resamples of workload robustness).
  const seed = 90_000 + (Date.now() % 10_000);
  const path = `/analysis/algoperf-v0.5-external/robustness?seed=${seed}&resamples=8000`;
  const lease = new RegExp(`page render: worker (\\d+) renders .*seed=${seed}`);
  const first = read(path);
  await until("the render lease", () => lease.test(app.log()), 30_000);
  const renderer = Number(lease.exec(app.log())![1]);
  const others = Array.from({ length: 6 }, () => read(path));
  await until(
    "a reader on the other worker waiting",
    () => new RegExp(`page render: worker \\d+ waits for worker ${renderer}: .*seed=${seed}`).test(app.log()),
    30_000,
  );
  process.kill(renderer, "SIGKILL");
  const answers = await Promise.all([first, ...others]);
  const served = answers.filter((a) => a.status === 200);
  // The crashed worker's readers lose their connection; the other worker's get the page, rendered once more there.
  expect(served.length, JSON.stringify(answers.map((a) => [a.status, a.how]))).toBeGreaterThan(0);
  expect(served.filter((a) => a.how === "miss")).toHaveLength(1);
  for (const a of served) expect(a.body).toContain("resamples of each kind");
  for (const a of served) expect(a.body).toContain(String(seed));
  await until("a replacement worker", () => app.log().includes(`worker ${renderer} exited (SIGKILL); starting another`) && workers().length >= 3);
}, 120_000);

test("WEB_CONCURRENCY=2: two worker processes serve the port; a killed one is replaced; SIGTERM stops all", async () => {
  await until("two live workers listening", () => workers().filter(processAlive).length >= 2);
  const [a, b] = workers().filter(processAlive);
  const started = workers().length;
  expect(a).not.toBe(b);
  expect(app.log()).toContain("starting 2 worker processes (WEB_CONCURRENCY)");
  for (let i = 0; i < 10; i++) expect((await fetch(`${app.baseUrl}/rounds/algoperf-v0.5-external`)).status).toBe(200);

  process.kill(a!, "SIGKILL");
  await until("a replacement worker", () => workers().length >= started + 1);
  expect(app.log()).toMatch(new RegExp(`worker ${a} exited \\(SIGKILL\\); starting another`));
  for (let i = 0; i < 10; i++) expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);

  const all = workers();
  await app.stop();
  for (const pid of all) expect(processAlive(pid), `worker ${pid}`).toBe(false);
});
