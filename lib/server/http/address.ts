// Checks of a request's address shared by proxy.ts and the routes it does not
// run for (the write paths, see proxy.ts config.matcher).
import { unstorableText } from "@/lib/db/text";

/**
 * Why the request's address cannot be served, or null: path segments and
 * query values reach database queries (round, submission and workload slugs,
 * pools), and PostgreSQL cannot compare text holding NUL (lib/db/text.ts).
 */
export function badAddress(url: URL): string | null {
  let values: string[];
  try {
    values = [...url.pathname.split("/").map(decodeURIComponent), ...[...url.searchParams].flat()];
  } catch {
    return "the address is not valid percent-encoded UTF-8";
  }
  for (const v of values) {
    const problem = unstorableText(v);
    if (problem) return `a path segment or query parameter ${problem}`;
  }
  return null;
}

/** The headers proxy.ts sets on every page, for a JSON answer (nothing in it may run or be framed). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  "cross-origin-opener-policy": "same-origin",
};
