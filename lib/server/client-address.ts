// The client address behind a request, for per-address rate limits and the
// audit log. It is the TCP peer unless TRUSTED_PROXIES names that peer as a
// proxy: only then is X-Forwarded-For read, from the right, skipping every
// trusted hop (entries further left are whatever the client wrote). Without
// the setting a client cannot choose its own address by sending the header.
//
// Next.js route handlers do not see the socket, and `next start` puts the
// socket address in X-Forwarded-For only when the client sent none; so the app
// is served by scripts/server.ts, which passes the peer address in PEER_HEADER
// together with a secret of the process (a client-sent copy is overwritten).
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Request header in which scripts/server.ts passes "<secret> <peer address>" (the names are repeated there). */
export const PEER_HEADER = "x-algoperf-peer";
/** Environment variable holding that secret; set by scripts/server.ts for its own process. */
export const PEER_SECRET_ENV = "ALGOPERF_PEER_SECRET";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseRange(entry: string): Range {
  const [address, bits] = entry.split("/");
  if (!address || !isIP(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
    throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1)`);
  }
  const ip = ipaddr.parse(address);
  const max = ip.kind() === "ipv4" ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) throw new Error(`TRUSTED_PROXIES: "${entry}" has a prefix longer than ${max} bits`);
  return [ip, prefix];
}

let parsed: { source: string; ranges: Range[] } | null = null;

/**
 * The proxies allowed to set X-Forwarded-For: TRUSTED_PROXIES, a
 * comma-separated list of addresses and CIDR ranges (default: none).
 * @throws Error naming a malformed entry (scripts/start.ts checks at start).
 */
export function trustedProxies(env: Record<string, string | undefined> = process.env): Range[] {
  const source = env.TRUSTED_PROXIES ?? "";
  if (parsed?.source !== source) {
    const ranges = source
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map(parseRange);
    parsed = { source, ranges };
  }
  return parsed.ranges;
}

/** The address in canonical form (an IPv4-mapped IPv6 address as plain IPv4), or null when it is not an IP address. */
export function normalizeAddress(value: string | undefined | null): string | null {
  const v = value?.trim();
  if (!v || !isIP(v)) return null;
  return ipaddr.process(v).toString();
}

function isTrusted(address: string, ranges: Range[]): boolean {
  const ip = ipaddr.process(address);
  return ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
}

/** The TCP peer that scripts/server.ts recorded for this request, or null when the request did not come through it. */
export function peerAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  const secret = env[PEER_SECRET_ENV];
  const value = headers.get(PEER_HEADER);
  if (!secret || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== secret) return null;
  return normalizeAddress(value.slice(space + 1));
}

/**
 * The client address: the peer, or, when the peer is a trusted proxy, the
 * rightmost X-Forwarded-For entry that is not a trusted proxy itself.
 * "unknown" when the request did not come through scripts/server.ts; "invalid"
 * when a trusted proxy forwarded something that is not an IP address (one
 * shared bucket for such clients, and never an arbitrary string as a key).
 */
export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  let address = peerAddress(headers, env);
  if (!address) return "unknown";
  const ranges = trustedProxies(env);
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  while (isTrusted(address, ranges) && forwarded.length > 0) {
    const next = normalizeAddress(forwarded.pop());
    if (!next) return "invalid";
    address = next;
  }
  return address;
}
