// The CLI's transport (ingest/http-transport.ts) against a real HTTP server on
// a local port: what the tRPC client and ingest/client.ts read of an answer,
// connection reuse, and failures that must reach withRetry as network errors.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLeaderboardClient, errorStatus, HttpStatusError, isRetryable } from "@/ingest/client";
import { nodeFetch } from "@/ingest/http-transport";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.url === "/echo") {
        res.writeHead(201, "Made", { "content-type": "application/json", "x-multi": ["a", "b"] });
        res.end(
          JSON.stringify({
            method: req.method,
            length: req.headers["content-length"] ?? null,
            type: req.headers["content-type"] ?? null,
            body,
            port: req.socket.remotePort,
          }),
        );
      } else if (req.url === "/page") {
        res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
      } else if (req.url === "/hang-up") {
        req.socket.destroy();
      } else if (req.url?.startsWith("/api/trpc/")) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ result: { data: { path: req.url, input: JSON.parse(body || "null") } } }));
      } else {
        res.writeHead(404, { "content-type": "text/plain" }).end("no such page");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("nodeFetch", () => {
  test("sends the method, headers and body (with its byte length) and reads status, headers and JSON", async () => {
    const body = JSON.stringify({ note: "SSIM ≥ 0.72 — ok" });
    const res = await nodeFetch(`${base}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(201);
    expect(res.statusText).toBe("Made");
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("x-multi")).toBe("a, b");
    expect(res.headers.get("x-absent")).toBeNull();
    expect(await res.json()).toMatchObject({ method: "POST", length: String(Buffer.byteLength(body)), type: "application/json", body });
  });

  test("an error answer is an answer: not ok, its text readable", async () => {
    const res = await nodeFetch(`${base}/page`);
    expect(res.ok).toBe(false);
    expect(res.status).toBe(502);
    expect(await res.text()).toBe("<h1>Bad gateway</h1>");
  });

  test("requests one after the other reuse one connection", async () => {
    const ports = new Set<number>();
    for (let i = 0; i < 3; i++) ports.add(((await (await nodeFetch(`${base}/echo`, { method: "POST", body: String(i) })).json()) as { port: number }).port);
    expect(ports.size).toBe(1);
  });

  test("no server, or a connection closed before the answer: the promise rejects", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(nodeFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
    await expect(nodeFetch(`${base}/hang-up`, { method: "POST", body: "x" })).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  test("an aborted request rejects", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(nodeFetch(`${base}/echo`, { signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  test("other URL schemes are refused by name", async () => {
    await expect(nodeFetch("ftp://example.org/x")).rejects.toThrow("ftp: URLs are not supported");
  });
});

describe("the leaderboard client over nodeFetch", () => {
  test("a procedure call goes out as tRPC's JSON and its answer comes back", async () => {
    const client = createLeaderboardClient({ url: `${base}/`, token: "t", fetch: nodeFetch });
    const result = (await client.ingest.upload.mutate({ round: "r", runs: [] } as never)) as unknown as { path: string; input: unknown };
    expect(result).toEqual({ path: "/api/trpc/ingest.upload", input: { round: "r", runs: [] } });
  });

  test("a non-JSON answer carries its HTTP status; a lost connection is a retryable network error", async () => {
    const pages = createLeaderboardClient({ url: `${base}/page-prefix`, fetch: nodeFetch });
    const notJson = await pages.ingest.round.query({ round: "r" }).catch((e: unknown) => e);
    expect(errorStatus(notJson)).toBe(404);
    expect((notJson as { cause?: unknown }).cause).toBeInstanceOf(HttpStatusError);

    const gone = createLeaderboardClient({ url: "http://127.0.0.1:9", fetch: nodeFetch });
    const error = await gone.ingest.round.query({ round: "r" }).catch((e: unknown) => e);
    expect(errorStatus(error)).toBeNull();
    expect(isRetryable(error)).toBe(true);
  });
});
