// The CLI's HTTP transport: the part of fetch() that the tRPC client and
// ingest/client.ts use (method, headers, a string body; status, headers.get,
// text, json), over node:http and node:https with keep-alive connections.
//
// Why not Node's global fetch: it is undici, loaded on first use, which copies
// every request body into a web stream. For the ~11 MB that one AlgoPerf round
// of raw logs sends, the CLI alone (against a server that answers at once)
// took 0.54 s and 0.70 s of CPU with fetch, 0.48 s and 0.60 s with this; the
// whole `bench:upload-logs` upload, a median of 0.90 s with fetch and 0.855 s
// with this (six alternating fresh stacks each; docs/performance.md).
// createLeaderboardClient keeps the global fetch as its default, for runners
// on other platforms.
import http from "node:http";
import https from "node:https";

/** Like undici's headersTimeout and bodyTimeout (300 s): a server that stops answering becomes a network error, which is retried. */
const IDLE_TIMEOUT_MS = 300_000;

// Free sockets are unreferenced by the agent, so they never keep the CLI running.
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | null;
}

/** What the callers read of an answer: a subset of fetch's Response. */
export interface TransportResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export function nodeFetch(input: string | URL, init: RequestOptions = {}): Promise<TransportResponse> {
  const url = new URL(String(input));
  const agent = url.protocol === "https:" ? agents["https:"] : url.protocol === "http:" ? agents["http:"] : null;
  if (!agent) return Promise.reject(new TypeError(`${url.protocol} URLs are not supported: use http: or https:`));
  const send = agent === agents["https:"] ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: init.method ?? "GET", headers: init.headers, agent, signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          statusText: res.statusMessage ?? "",
          headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
          text: async () => text,
          json: async () => JSON.parse(text) as unknown,
        });
      });
    });
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`no answer from ${url.host} in ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    // A whole body passed to end() goes with its Content-Length.
    req.end(init.body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
