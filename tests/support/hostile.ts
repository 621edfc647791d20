// What a hostile client does, for the tests that check the server survives it
// (request-bodies.test.ts, load.test.ts): bodies that stall, and the server's
// memory read from /proc.
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";

/** Resident memory of a process and its descendants, in bytes. */
export function processTreeRss(pid: number): number {
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
  for (const queue = [pid]; queue.length;) {
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

export interface Stalled {
  socket: net.Socket;
  /** The status line once the server answers. */
  status: Promise<string>;
  /** Resolves with the bytes sent when the sender stops (answered, sent `send` bytes, or blocked for 3 s). */
  sent: Promise<number>;
}

/** A POST /api/v1/runs declaring `declared` bytes that sends `send` of them and then stalls (never ends). */
export function stalledUpload(baseUrl: string, headers: Record<string, string>, declared: number, send: number): Stalled {
  const { port } = new URL(baseUrl);
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
  const head = [
    `POST /api/v1/runs HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Content-Type: application/json",
    `Content-Length: ${declared}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join("\r\n");
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

/**
 * Paths of maximum-cost analysis requests on `round` (docs/availability.md §1;
 * the cap is 50,000,000 units), taking turns: the uncertainty bootstrap and
 * workload robustness with resamples just under the cap at points=10000, the
 * speedup matrix and a head to head at the largest resamples (10,000) and
 * points=10000. Every call gives a new seed, so nothing is served from a cache.
 */
export async function maxCostAnalyses(baseUrl: string, round: string, firstSeed: number): Promise<() => string> {
  const scores = (await (await fetch(`${baseUrl}/api/v1/rounds/${round}/scores`)).json()) as {
    submissions: unknown[];
    ranking: string[];
    details: Record<string, Record<string, unknown>>;
  };
  const members = scores.submissions.length;
  const workloads = new Set(Object.values(scores.details).flatMap((d) => Object.keys(d))).size;
  const scorings = Math.floor(50_000_000 / (members * (workloads + 10_000)));
  // Uncertainty: resamples + 1 scorings; robustness: 2 x resamples + 8 base workloads + 2.
  const uncertainty = scorings - 1;
  const robustness = Math.floor((scorings - 8 - 2) / 2) - 1;
  const [a, b] = scores.ranking;
  let seed = firstSeed;
  let turn = 0;
  return () => {
    const s = seed++;
    const paths = [
      `uncertainty?seed=${s}&resamples=${uncertainty}&points=10000`,
      `robustness?seed=${s}&resamples=${robustness}&points=10000`,
      `speedups?seed=${s}&resamples=10000&points=10000`,
      `compare?a=${a}&b=${b}&seed=${s}&resamples=10000&points=10000`,
    ];
    return `/api/v1/rounds/${round}/${paths[turn++ % paths.length]}`;
  };
}

/**
 * A POST /api/v1/runs that sends its whole body of `bytes` before it reads
 * anything, as Python's http.client (and so `requests`) does: the status line
 * of the answer, or "(reset: <code>)" when the connection failed before the
 * client could read one.
 */
export async function sendThenRead(baseUrl: string, headers: Record<string, string>, bytes: number): Promise<string> {
  const { port } = new URL(baseUrl);
  const socket = net.connect(Number(port), "127.0.0.1");
  socket.pause();
  let failure = "";
  socket.on("error", (e: NodeJS.ErrnoException) => (failure ||= e.code ?? e.message));
  await new Promise<void>((r) => socket.once("connect", () => r()));
  const head = [`POST /api/v1/runs HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Content-Type: application/json", `Content-Length: ${bytes}`];
  const all = [...head, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join("\r\n");
  const write = (data: string | Buffer) => new Promise<void>((r) => socket.write(data, () => r()));
  await write(`${all}\r\n\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let n = 0; n < bytes && !socket.destroyed; n += chunk.length) await write(chunk.subarray(0, Math.min(chunk.length, bytes - n)));
  if (socket.destroyed) return `(reset: ${failure})`;
  return new Promise((resolve) => {
    let text = "";
    socket.on("data", (c: Buffer) => (text += c.toString("latin1")));
    socket.on("close", () => resolve(text.includes("\r\n") ? text.slice(0, text.indexOf("\r\n")) : `(reset: ${failure || "closed"})`));
    socket.resume();
  });
}
