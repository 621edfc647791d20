import { expect, inject, test } from "vitest";
import { expectSecurityHeaders } from "../support/headers";

// Every kind of answer: pages, JSON, CSV, and errors of each family (the 503
// of a database past its time limit: tests/integration/db-time-limits.test.ts).
const answers: { what: string; path: string; init?: RequestInit; status: number; type: RegExp }[] = [
  { what: "home page", path: "/", status: 200, type: /^text\/html/ },
  { what: "health JSON", path: "/api/health", status: 200, type: /^application\/json/ },
  { what: "scores JSON", path: "/api/v1/rounds/algoperf-v0.6-external/scores", status: 200, type: /^application\/json/ },
  { what: "profiles CSV", path: "/api/v1/rounds/algoperf-v0.6-external/profiles?format=csv", status: 200, type: /^text\/csv/ },
  { what: "unknown page (404)", path: "/rounds/no-such-round", status: 404, type: /^text\/html/ },
  { what: "unknown round JSON (404)", path: "/api/v1/rounds/no-such-round/scores", status: 404, type: /^application\/json/ },
  { what: "bad query JSON (400)", path: "/api/v1/rounds/algoperf-v0.6-external/scores?tauMax=abc", status: 400, type: /^application\/json/ },
  { what: "NUL in the address (400)", path: "/api/v1/rounds/a%00b/scores", status: 400, type: /^application\/json/ },
  { what: "NUL in a page address (400)", path: "/rounds/a%00b", status: 400, type: /^text\/plain/ },
  {
    what: "upload without a token (401)",
    path: "/api/v1/runs",
    init: { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
    status: 401,
    type: /^application\/json/,
  },
];

for (const a of answers) {
  test(`${a.what}: ${a.path} carries the security headers`, async () => {
    const res = await fetch(`${inject("baseUrl")}${a.path}`, a.init);
    expect(res.status).toBe(a.status);
    expect(res.headers.get("content-type")).toMatch(a.type);
    expectSecurityHeaders(res, a.what);
  });
}

test("every page view gets a fresh nonce, and the page's scripts carry it", async () => {
  const nonce = async () => {
    const res = await fetch(`${inject("baseUrl")}/`);
    const html = await res.text();
    const fromHeader = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${fromHeader}"`);
    return fromHeader;
  };
  const a = await nonce();
  const b = await nonce();
  expect(a).toBeTruthy();
  expect(a).not.toBe(b);
});
