// Request bodies cannot exhaust the server's memory (issue 13 item 3,
// docs/availability.md): the token is checked before a byte of the body is
// read (Next no longer buffers the write paths for proxy.ts), bodies are
// streamed and counted, slow senders time out (408) and concurrent upload
// bodies are capped per address (429). The server's memory is read from
// /proc/<pid>/status of the `next start` process and its children.
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDb } from "@/lib/db/client";
import { createToken } from "@/lib/server/services/tokens";
import { unique } from "../support/ingest";
import { startApp, type App } from "../support/stack";

const MiB = 1024 * 1024;
let app: App;
let token: string;

beforeAll(async () => {
  const db = createDb(inject("databaseUrl"), { max: 1 });
  try {
    token = (await createToken(db, { name: unique("bodies"), scope: "upload" })).token;
  } finally {
    await db.$disconnect();
  }
  app = await startApp(inject("databaseUrl"), { RATE_LIMIT_PER_IP: "1000000", RATE_LIMIT_PER_TOKEN: "1000000", BODY_IDLE_SECONDS: "2", UPLOAD_BODIES_PER_CLIENT: "2" });
}, 120_000);
afterAll(async () => app?.stop());

/** Resident memory of a process and its descendants, in bytes. */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))![1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  for (const queue = [pid]; queue.length; ) {
    const p = queue.pop()!;
    try {
      total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      continue;
    }
    queue.push(...(children.get(p) ?? []));
  }
  return total;
}

interface Stalled {
  socket: net.Socket;
  /** The status line once the server answers. */
  status: Promise<string>;
  /** Resolves with the bytes sent when the sender stops (answered, sent `send` bytes, or blocked for 3 s). */
  sent: Promise<number>;
}

/** A POST /api/v1/runs declaring `declared` bytes that sends `send` of them and then stalls (never ends). */
function stalledUpload(headers: Record<string, string>, declared: number, send: number): Stalled {
  const { port } = new URL(app.baseUrl);
  const socket = net.connect(Number(port), "127.0.0.1");
  let answered = false;
  const status = new Promise<string>((resolve) => {
    let text = "";
    socket.on("data", (c: Buffer) => {
      text += c.toString("latin1");
      if (text.includes("\r\n")) {
        answered = true;
        resolve(text.slice(0, text.indexOf("\r\n")));
      }
    });
    socket.on("close", () => resolve(text ? text.slice(0, text.indexOf("\r\n")) : "(closed)"));
  });
  socket.on("error", () => undefined);
  const head = [`POST /api/v1/runs HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Content-Type: application/json", `Content-Length: ${declared}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join("\r\n");
  const sent = (async () => {
    await new Promise<void>((r) => socket.once("connect", () => r()));
    socket.write(`${head}\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let n = 0;
    while (n < send && !answered && !socket.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, send - n));
      n += piece.length;
      if (!socket.write(piece)) {
        const drained = await Promise.race([new Promise((r) => socket.once("drain", () => r(true))), new Promise((r) => setTimeout(() => r(false), 3000))]);
        if (!drained) break;
      }
    }
    return n;
  })();
  return { socket, status, sent };
}

describe("stalled anonymous bodies", () => {
  test("60 sockets declaring 32 MiB and stalling after 31 MiB: each gets 401 without its body being read, and the server's memory grows by less than 100 MB", async () => {
    const before = treeRss(app.process.pid!);
    const uploads = Array.from({ length: 60 }, () => stalledUpload({}, 32 * MiB, 31 * MiB));
    const statuses = await Promise.all(uploads.map((u) => Promise.race([u.status, new Promise<string>((r) => setTimeout(() => r("(no answer within 60 s)"), 60_000))])));
    const sent = await Promise.all(uploads.map((u) => u.sent));
    const after = treeRss(app.process.pid!);
    for (const u of uploads) u.socket.destroy();
    console.log(`[bodies] RSS ${(before / MiB).toFixed(0)} MiB -> ${(after / MiB).toFixed(0)} MiB with 60 stalled bodies; ${(sent.reduce((a, b) => a + b, 0) / MiB).toFixed(0)} MiB sent in all`);
    expect(statuses.filter((s) => !s.startsWith("HTTP/1.1 401"))).toEqual([]);
    expect(after - before).toBeLessThan(100 * 1024 * 1024);
  }, 150_000);
});

describe("authenticated bodies", () => {
  test("a sender that stalls gets 408 naming the body after BODY_IDLE_SECONDS, and a third concurrent upload from one address gets 429", async () => {
    const auth = { authorization: `Bearer ${token}`, "x-forwarded-for": "2001:db8:b0d1::1" };
    const first = stalledUpload(auth, 1000, 10);
    const second = stalledUpload(auth, 1000, 10);
    // Both are reading their bodies (2 = UPLOAD_BODIES_PER_CLIENT of this instance) when the third arrives.
    await new Promise((r) => setTimeout(r, 1000));
    const third = await fetch(`${app.baseUrl}/api/v1/runs`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    const thirdBody = (await third.json()) as { error: { code: string; message: string } };
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(thirdBody.error.message).toMatch(/at most 2 uploads at a time/);
    expect(await first.status).toBe("HTTP/1.1 408 Request Timeout");
    expect(await second.status).toBe("HTTP/1.1 408 Request Timeout");
    first.socket.destroy();
    second.socket.destroy();
    // The slots are free again: an ordinary (invalid) upload is read and answered 400.
    const after = await fetch(`${app.baseUrl}/api/v1/runs`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    expect(after.status).toBe(400);
  }, 60_000);

  test("a body longer than 32 MiB without Content-Length is cut at the limit: 413", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new Uint8Array(MiB).fill(0x20);
        for (let i = 0; i < 34; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${app.baseUrl}/api/v1/runs`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-forwarded-for": "2001:db8:b0d1::2" }, body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  }, 60_000);
});
