// pinnedApi (lib/views/routes.ts): on a page pinned to a past version (`?at=`,
// docs/history.md), the API links of the same round carry the same `at`, so a
// download is the data shown; other rounds' links, links that already name a
// version, and renders without a pin are left as they are.
import { AsyncLocalStorage } from "node:async_hooks";
import { expect, test } from "vitest";
import { pinnedApi, routes } from "@/lib/views/routes";

// The store lib/db/pinned.ts keeps on globalThis (read by its key, as routes.ts does).
const KEY = Symbol.for("algoperf.pin-context");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<{ round: string; raw: string }> };
const store = (holder[KEY] ??= new AsyncLocalStorage());

test("inside a pinned render: same round gets at=, others and already pinned links do not", () => {
  store.run({ round: "r1", raw: "2026-01-02T03:04:05Z" }, () => {
    expect(routes.api.leaderboard("r1", undefined, "csv")).toBe("/api/v1/rounds/r1/leaderboard?format=csv&at=2026-01-02T03%3A04%3A05Z");
    expect(routes.api.workloads("r1")).toBe("/api/v1/rounds/r1/workloads?at=2026-01-02T03%3A04%3A05Z");
    expect(routes.api.leaderboard("r2")).toBe("/api/v1/rounds/r2/leaderboard");
    expect(pinnedApi("r1", "/api/v1/rounds/r1/compare?a=x&at=7")).toBe("/api/v1/rounds/r1/compare?a=x&at=7");
  });
});

test("outside a pinned render: links unchanged", () => {
  expect(routes.api.leaderboard("r1", undefined, "csv")).toBe("/api/v1/rounds/r1/leaderboard?format=csv");
  expect(routes.api.submissionEvals("r1", "s")).toBe("/api/v1/rounds/r1/submissions/s/evals?format=csv");
});
