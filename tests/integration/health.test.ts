import { expect, inject, test } from "vitest";
import pkg from "@/package.json";

test("GET /api/health reports the database up and the app version", async () => {
  const res = await fetch(`${inject("baseUrl")}/api/health`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", version: pkg.version, database: { status: "up" } });
  expect(typeof body.database.latencyMs).toBe("number");
});
