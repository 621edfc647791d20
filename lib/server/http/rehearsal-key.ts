// How a web process asks its own Next.js routes for the upload rehearsal
// (lib/server/services/upload-rehearsal.ts): scripts/server.ts sets a random
// key in this process's environment and sends it in REHEARSAL_HEADER on a
// loopback listener of its own, before it listens on the public port; the
// public listener deletes any client-sent copy of the header. The key never
// leaves the process, and a rehearsal writes nothing either way.
import { timingSafeEqual } from "node:crypto";

export const REHEARSAL_HEADER = "x-algoperf-rehearsal";
export const REHEARSAL_KEY_ENV = "ALGOPERF_REHEARSAL_KEY";

/** Whether the request carries this process's rehearsal key. */
export function isRehearsal(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  const key = env[REHEARSAL_KEY_ENV];
  const sent = headers.get(REHEARSAL_HEADER);
  if (!key || key.length < 32 || sent === null || sent.length !== key.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(key));
}
