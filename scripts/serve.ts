// The HTTP server of the app: Next.js through its programmatic API, so that
// the route handlers can know the TCP peer of each request (Next itself only
// passes it on in X-Forwarded-For, and only when the client sent none). Every
// request gets PEER_HEADER = "<secret> <peer address>", overwriting any copy a
// client sent; the secret is this process's own (lib/server/client-address.ts).
// Run by scripts/start.ts (and the tests) as
// `node --import tsx scripts/serve.ts [--dev] [--hostname <address>]` with PORT.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { PEER_HEADER, PEER_SECRET_ENV, trustedProxies } from "@/lib/server/client-address";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostnameAt = process.argv.indexOf("--hostname");
const hostname = hostnameAt > 0 ? process.argv[hostnameAt + 1] : undefined;

// A malformed TRUSTED_PROXIES stops the start instead of failing every write.
trustedProxies();
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

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections must not hold the exit.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
