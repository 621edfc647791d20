// The HTTP server of the app: Next.js through its programmatic API, so that
// the route handlers can know the TCP peer of each request (Next itself only
// passes it on in X-Forwarded-For, and only when the client sent none). Every
// request gets the header "x-algoperf-peer: <secret> <peer address>",
// overwriting any copy a client sent; the secret is this process's own, in
// ALGOPERF_PEER_SECRET (lib/server/client-address.ts reads both; the names are
// checked against it by tests/unit/security/text.test.ts).
//
// Plain JavaScript, run by plain node: a TypeScript loader would hook every
// one of Next's module loads and slow each start by about a second.
// Run by scripts/start.ts (and the tests) as
// `node scripts/serve.mjs [--dev] [--hostname <address>]` with PORT.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";

const PEER_HEADER = "x-algoperf-peer";
const PEER_SECRET_ENV = "ALGOPERF_PEER_SECRET";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostnameAt = process.argv.indexOf("--hostname");
const hostname = hostnameAt > 0 ? process.argv[hostnameAt + 1] : undefined;

const secret = randomBytes(24).toString("base64url");
process.env[PEER_SECRET_ENV] = secret;

const app = next({ dev, port, hostname, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers[PEER_HEADER] = `${secret} ${req.socket.remoteAddress ?? ""}`;
  void handle(req, res);
});
// Same readiness line as `next start`, which scripts and tests wait for.
server.listen(port, hostname, () => console.log(` ✓ Ready in ${Math.round(performance.now())}ms: http://${hostname ?? "localhost"}:${port}${dev ? " (dev)" : ""}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections must not hold the exit.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
