// npm start serves from WEB_CONCURRENCY worker processes (Node's cluster
// module, docs/deployment.md): they share the port, a dead worker is
// replaced, and SIGTERM stops them all.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { startApp, type App } from "../support/stack";
import { processAlive } from "@/lib/db/embedded";

let app: App;
const workers = () => [...app.log().matchAll(/worker (\d+) listening/g)].map((m) => Number(m[1]));

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${app.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  app = await startApp(inject("databaseUrl"), { WEB_CONCURRENCY: "2" });
  await until("two workers", () => workers().length >= 2);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

test("WEB_CONCURRENCY=2: two worker processes serve the port; a killed one is replaced; SIGTERM stops all", async () => {
  const [a, b] = workers();
  expect(a).not.toBe(b);
  expect(app.log()).toContain("starting 2 worker processes (WEB_CONCURRENCY)");
  for (let i = 0; i < 10; i++) expect((await fetch(`${app.baseUrl}/rounds/algoperf-v0.5-external`)).status).toBe(200);

  process.kill(a!, "SIGKILL");
  await until("a replacement worker", () => workers().length >= 3);
  expect(app.log()).toMatch(new RegExp(`worker ${a} exited \\(SIGKILL\\); starting another`));
  for (let i = 0; i < 10; i++) expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);

  const all = workers();
  await app.stop();
  for (const pid of all) expect(processAlive(pid), `worker ${pid}`).toBe(false);
});
