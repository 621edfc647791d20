// The production web server (npm start runs it through scripts/start.ts):
// WEB_CONCURRENCY worker processes (default: one per core) sharing the port
// through Node's cluster module, each serving Next.js behind the page cache
// (lib/server/http/page-cache-handler.ts). Workers share the database and
// their renders: the page cache, like every other cache, is keyed on data
// versions read from PostgreSQL on each request, so an upload through any
// worker, or any machine, is seen by all of them at once (docs/deployment.md);
// a cold view is rendered by one worker and sent to the others through the
// primary (lib/server/page-cache/peer-renders.ts).
// A worker that dies is replaced; SIGTERM stops the workers, then the primary.
//
// Route handlers do not see the socket, so every request gets PEER_HEADER =
// "<secret> <TCP peer>" (a client-sent copy is overwritten), the secret being
// the worker's own: that is how lib/server/client-address.ts knows the client
// without trusting X-Forwarded-For (only TRUSTED_PROXIES may set that).
// `--dev` serves `next dev` in one process, with the peer header, uncached.
import { randomBytes } from "node:crypto";
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { PEER_HEADER, PEER_SECRET_ENV, trustedProxies } from "@/lib/server/client-address";
import { APP_FRAMING_HEADERS } from "@/lib/server/http/accept-encoding";
import { REHEARSAL_HEADER, REHEARSAL_KEY_ENV } from "@/lib/server/http/rehearsal-key";
import { coordinatePageRenders, peerRenders } from "@/lib/server/page-cache/peer-renders";

const log = (line: string) => console.log(`[algoperf] ${line}`);
const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number, got "${process.env[name]}"`);
  return v;
};

/** Set by the primary for its workers: how many share the machine's renders. */
const RENDER_PEERS_ENV = "ALGOPERF_RENDER_PEERS";
/** How long a worker waits for another's render of a view before rendering it itself. */
const renderWaitMs = () => 1000 * Math.max(1, int("ALGOPERF_PAGE_RENDER_WAIT_SECONDS", 30));

/**
 * V8 flags of the worker processes. --interrupt-budget (V8 default 67,584) is how much a function runs
 * between two checks of whether it is worth optimising; measured on the upload of a round of raw logs
 * (3,700 runs in 5 requests, bench:upload-logs): the workers' CPU went from ~0.60 s to ~0.49 s at 150,000,
 * 300,000 and 600,000 alike.
 */
export const V8_FLAGS = ["--interrupt-budget=300000"];

/** Worker processes: WEB_CONCURRENCY, or one per core. */
export function workerCount(): number {
  return Math.max(1, int("WEB_CONCURRENCY", os.availableParallelism()));
}

function primary(): void {
  const workers = workerCount();
  let stopping = false;
  log(`starting ${workers} worker process${workers === 1 ? "" : "es"} (WEB_CONCURRENCY)`);
  // Each process has its own compute worker threads (lib/server/compute/pool.ts):
  // share the cores among the processes unless COMPUTE_THREADS says otherwise.
  const env = {
    COMPUTE_THREADS: process.env.COMPUTE_THREADS || String(Math.max(1, Math.floor(os.availableParallelism() / workers))),
    [RENDER_PEERS_ENV]: String(workers),
  };
  // A cold view is rendered by one worker and sent to the others (docs/page-cache.md): pages travel as bytes.
  // Workers start with a larger V8 interrupt budget (V8_FLAGS): a function is optimised after ~4x more
  // work than V8's default, so the optimising compiler no longer spends a third of a core on functions
  // that are warm for one request only (docs/performance.md, "The optimising compiler"). Flags given to
  // the primary's node come after these and win.
  cluster.setupPrimary({ serialization: "advanced", execArgv: [...V8_FLAGS, ...process.execArgv] });
  coordinatePageRenders(cluster, { leaseMs: renderWaitMs(), log: process.env.ALGOPERF_PAGE_CACHE_LOG ? log : undefined });
  const fork = () => cluster.fork(env);
  for (let i = 0; i < workers; i++) fork();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    // The public port only: a worker's loopback listener for its upload rehearsal is not being ready.
    if (address.port === int("PORT", 3000) && ++listening === workers)
      log(`Ready in ${process.uptime().toFixed(1)} s: http://localhost:${int("PORT", 3000)} (${workers} worker process${workers === 1 ? "" : "es"})`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 50);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** A rehearsal that takes longer (a database that does not answer) is given up: the process listens anyway. */
const REHEARSAL_TIMEOUT_MS = 10_000;

/**
 * The upload rehearsal (lib/server/services/upload-rehearsal.ts): its body
 * asked of this process's own route, then sent to it as an upload, on a
 * loopback listener that is closed after it. Best effort: a failure is
 * logged and the process serves anyway.
 */
async function rehearseUploads(serve: http.RequestListener): Promise<void> {
  const key = randomBytes(32).toString("hex");
  process.env[REHEARSAL_KEY_ENV] = key;
  const own = http.createServer(serve);
  try {
    // exclusive: this process's own port, not one the cluster shares among the workers.
    await new Promise<void>((resolve, reject) => own.once("error", reject).listen({ port: 0, host: "127.0.0.1", exclusive: true }, resolve));
    const { port } = own.address() as { port: number };
    const url = `http://127.0.0.1:${port}/api/trpc/ingest.upload`;
    const asked = await fetch(url, { headers: { [REHEARSAL_HEADER]: key }, signal: AbortSignal.timeout(REHEARSAL_TIMEOUT_MS) });
    if (asked.status === 204) return; // no round to rehearse on
    if (!asked.ok) throw new Error(`HTTP ${asked.status} for the body: ${(await asked.text()).slice(0, 500)}`);
    const res = await fetch(url, {
      method: "POST",
      headers: { [REHEARSAL_HEADER]: key, "content-type": "application/json" },
      body: await asked.text(),
      signal: AbortSignal.timeout(REHEARSAL_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
    await res.arrayBuffer();
  } catch (error) {
    log(`the upload rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    delete process.env[REHEARSAL_KEY_ENV];
    own.closeAllConnections();
    own.close();
  }
}

/** Stamps each request with this process's secret and the TCP peer (see the header comment). */
function peerStamp(): (req: http.IncomingMessage) => void {
  const secret = randomBytes(24).toString("base64url");
  process.env[PEER_SECRET_ENV] = secret;
  return (req) => {
    req.headers[PEER_HEADER] = `${secret} ${req.socket.remoteAddress ?? ""}`;
  };
}

/**
 * An answer sent before its request's body has arrived (401 before an upload
 * is read, 413 past the limit, 408 for a stalled sender) says
 * `Connection: close` and closes the connection once sent: the rest of the
 * body is not read into the app, so a client reusing the keep-alive
 * connection would wait on a request nobody reads.
 *
 * The close lingers (lingeringClose): closing a socket while the client is
 * still sending makes the kernel answer with a reset, and a client that sends
 * its whole body before reading the answer (Python's http.client, which
 * `requests` uses) then gets "connection reset" instead of the answer.
 */
function closeIfBodyLeft(req: http.IncomingMessage, res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!req.complete) {
      this.shouldKeepAlive = false;
      // The response's socket: the request's is null once its body stream was cancelled (413).
      const socket = this.socket ?? req.socket;
      if (socket) lingeringClose(socket);
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/** How long a connection answered before its body arrived may go on sending it after the answer. */
const LINGER_MS = 2_000;

/**
 * Node's server ends a `Connection: close` answer with socket.destroySoon(),
 * which closes the socket as soon as the answer is out. Instead, as web
 * servers do (nginx's lingering_close): the answer and a FIN go out, and what
 * the client still sends is read and dropped (Node's server drops an unread
 * body; nothing is kept, so memory stays as it was) until the client closes,
 * or for at most LINGER_MS.
 */
function lingeringClose(socket: Socket): void {
  socket.destroySoon = function (this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("close", () => clearTimeout(timer));
    return this;
  };
}

/**
 * Next drops a route handler's Content-Encoding and Content-Length; the app
 * names them in APP_FRAMING_HEADERS, which become the real ones here as Next
 * copies the headers, before its compression looks at them
 * (lib/server/http/accept-encoding.ts).
 */
function appFramingHeaders(res: http.ServerResponse): void {
  const setHeader = res.setHeader;
  res.setHeader = function (this: http.ServerResponse, name: string, value: number | string | readonly string[]) {
    return setHeader.call(this, APP_FRAMING_HEADERS[name.toLowerCase()] ?? name, value);
  } as typeof setHeader;
}

/**
 * `?at=` pinning (lib/server/http/pin-request.ts), with its own small client
 * for resolving versions, opened on the first pinned request.
 */
async function pinning() {
  const [{ servePinned }, { createDb }, { dbTimeouts }] = await Promise.all([
    import("@/lib/server/http/pin-request"),
    import("@/lib/db/create-db"),
    import("@/lib/db/config"),
  ]);
  let client: ReturnType<typeof createDb> | undefined;
  const resolverDb = () => (client ??= createDb(process.env.DATABASE_URL!, { max: 2, timeouts: dbTimeouts() }));
  return { servePinned, resolverDb };
}

/** Same readiness line as `next start`, which scripts and tests wait for. */
const ready = (hostname: string | undefined, port: number, dev: boolean) =>
  console.log(
    ` ✓ Ready in ${Math.round(performance.now())}ms: worker ${process.pid} listening on http://${hostname ?? "localhost"}:${port}${dev ? " (dev)" : ""}`,
  );

async function devServer(): Promise<void> {
  const port = int("PORT", 3000);
  const hostname = process.env.HOST || undefined;
  const stamp = peerStamp();
  const { default: next } = await import("next");
  const app = next({ dev: true, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  const { servePinned, resolverDb } = await pinning();
  const server = http.createServer((req, res) => {
    stamp(req);
    closeIfBodyLeft(req, res);
    appFramingHeaders(res);
    void servePinned(req, res, resolverDb, () => handle(req, res));
  });
  server.listen(port, hostname, () => ready(hostname, port, true));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      void app.close().finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

async function worker(): Promise<void> {
  // Loaded here, not at the top: the primary only forks, and starts faster without Next.js.
  const [{ default: next }, { default: pg }, { PageStore }, { siteVersionReader }, { pageCacheHandler }] = await Promise.all([
    import("next"),
    import("pg"),
    import("@/lib/server/page-cache/page-store"),
    import("@/lib/server/page-cache/site-version"),
    import("@/lib/server/http/page-cache-handler"),
  ]);
  const dir = process.cwd();
  const port = int("PORT", 3000);
  const hostname = process.env.HOST || undefined;
  const stamp = peerStamp();
  const { servePinned, resolverDb } = await pinning();
  const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost" });
  const prepared = app.prepare();
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, connectionTimeoutMillis: 5000, query_timeout: 5000 });
  pool.on("error", () => undefined); // an idle client's lost connection: the next query reconnects
  const store = new PageStore({ maxBytes: int("ALGOPERF_PAGE_CACHE_MB", 256) * 1024 * 1024, provisionalMs: 1000 });
  const peers = int(RENDER_PEERS_ENV, 1) > 1 ? peerRenders(process, { waitMs: renderWaitMs(), store: (key, page) => store.put(key, page) }) : null;
  const handler = pageCacheHandler({
    next: app.getRequestHandler() as (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
    siteVersion: siteVersionReader(pool),
    buildId: readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8").trim(),
    store,
    sMaxAge: 60,
    staleWhileRevalidate: 600,
    peers,
  });
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    stamp(req);
    closeIfBodyLeft(req, res);
    appFramingHeaders(res);
    prepared
      .then(() => servePinned(req, res, resolverDb, () => handler(req, res)))
      .catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal server error.");
        else res.destroy();
      });
  };
  const server = http.createServer((req, res) => {
    // Only this process may ask for the rehearsal (lib/server/http/rehearsal-key.ts).
    delete req.headers[REHEARSAL_HEADER];
    serve(req, res);
  });
  // Idle keep-alive connections stay open longer than a load balancer's idle
  // timeout (60 s is common), so the balancer never reuses one the server is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Listening starts once Next.js is prepared and the upload path rehearsed, so
  // that the first upload this process takes finds its code compiled.
  await prepared;
  await rehearseUploads(serve);
  server.listen(port, hostname, () => ready(hostname, port, false));
  // Ctrl-C reaches the whole process group: the primary stops the workers in order.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => {
    server.close(() => void pool.end().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

// What `next start` / `next dev` would set: React's and tRPC's production
// behaviour (no stack traces in error answers) must not depend on the caller's
// environment (a test runner sets NODE_ENV=test).
(process.env as Record<string, string>).NODE_ENV = process.argv.includes("--dev") ? "development" : "production";
// A malformed TRUSTED_PROXIES stops the start instead of failing every write.
trustedProxies();
if (process.argv.includes("--dev")) await devServer();
else if (cluster.isPrimary) primary();
else await worker();
