// Request body limits, applied before any byte is parsed: the declared
// Content-Length is checked first, and a body without one is counted as it
// streams. Over the limit, reading the body fails with PayloadTooLargeError,
// which the upload procedure turns into HTTP 413 (and records). A sender that
// stalls (BODY_IDLE_SECONDS without a byte) or takes longer than
// BODY_DEADLINE_SECONDS in all fails with BodyTimeoutError (408). Bodies are
// only read after the token check (lib/server/trpc.ts authedProcedure), and
// at most UPLOAD_BODIES_PER_CLIENT / UPLOAD_BODIES upload bodies are read at
// once (docs/availability.md).
import { createHash, type Hash } from "node:crypto";
import { AppError } from "./errors";

function fromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Read per request, so a test instance can be started with other limits. */
export const BODY_LIMITS = {
  idleSeconds: () => fromEnv("BODY_IDLE_SECONDS", 30),
  deadlineSeconds: () => fromEnv("BODY_DEADLINE_SECONDS", 300),
  uploadsPerClient: () => fromEnv("UPLOAD_BODIES_PER_CLIENT", 4),
  uploads: () => fromEnv("UPLOAD_BODIES", 32),
};

export class BodyTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BodyTimeoutError";
  }

  /** By name, like PayloadTooLargeError.find. */
  static find(error: unknown): Error | null {
    if (!(error instanceof Error)) return null;
    return error.name === "BodyTimeoutError" ? error : BodyTimeoutError.find(error.cause);
  }
}
export class PayloadTooLargeError extends Error {
  constructor(
    readonly limit: number,
    declared: number | null,
  ) {
    super(
      `request body is larger than the limit of ${limit} bytes (${(limit / 1024 / 1024).toFixed(0)} MiB)` +
        (declared !== null ? `: Content-Length is ${declared}` : "") +
        "; split the runs into several uploads",
    );
    this.name = "PayloadTooLargeError";
  }

  /**
   * By name, not instanceof: the error crosses the body stream and module
   * copies of the server bundle, which do not keep the class identity.
   */
  static find(error: unknown): Error | null {
    if (!(error instanceof Error)) return null;
    return error.name === "PayloadTooLargeError" ? error : PayloadTooLargeError.find(error.cause);
  }
}

/** sha256 of an upload body, fed as it streams through limitBody; hex() once it has been read. */
export function bodyDigest(): { hash: Hash; hex: () => string } {
  const hash = createHash("sha256");
  let hex: string | undefined;
  return { hash, hex: () => (hex ??= hash.digest("hex")) };
}

/**
 * The same request with a body that errors once it exceeds `limit` bytes or
 * its sender stalls. `digest`, when given, sees every byte as it passes
 * (the upload's payload hash, without serialising the parsed body again).
 */
export function limitBody(req: Request, limit: number, headers: Headers = req.headers, digest?: Hash): Request {
  if (!req.body) return new Request(req, { headers });
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const body =
    Number.isFinite(declared) && declared > limit
      ? // Not read at all; the server discards it after the response.
        new ReadableStream<Uint8Array>({ start: (controller) => controller.error(new PayloadTooLargeError(limit, declared)) })
      : guardedBody(req.body, limit, digest);
  const out = new Headers(headers);
  out.delete("content-length");
  return new Request(req.url, { method: req.method, headers: out, body, signal: req.signal, duplex: "half" } as RequestInit);
}

/** `source`, pulled only as its reader asks, counted against `limit` and timed (idle and overall). */
function guardedBody(source: ReadableStream<Uint8Array>, limit: number, digest?: Hash): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const idle = BODY_LIMITS.idleSeconds();
  const deadline = Date.now() + BODY_LIMITS.deadlineSeconds() * 1000;
  let seen = 0;
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: Error) => {
    reader.cancel(error).catch(() => undefined);
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: NodeJS.Timeout | undefined;
      const overall = deadline - Date.now() < idle * 1000;
      const timeout = new Promise<"timeout">(
        (resolve) => (timer = setTimeout(() => resolve("timeout"), Math.max(0, Math.min(idle * 1000, deadline - Date.now())))),
      );
      const result = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (result === "timeout") {
        const why = overall ? `the body took longer than ${BODY_LIMITS.deadlineSeconds()} s in all` : `no byte of the body arrived for ${idle} s`;
        return fail(controller, new BodyTimeoutError(`request body too slow: ${why} (${seen} bytes received); send it again`));
      }
      if (result.done) return controller.close();
      seen += result.value.byteLength;
      if (seen > limit) return fail(controller, new PayloadTooLargeError(limit, null));
      digest?.update(result.value);
      controller.enqueue(result.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

const uploadBodies = { total: 0, perClient: new Map<string, number>() };

/**
 * Reserves the reading of one upload body for `client` (an address; null for
 * in-process callers). Returns the release function.
 * @throws AppError 429 past UPLOAD_BODIES_PER_CLIENT bodies of the client, 503 past UPLOAD_BODIES in all (both with Retry-After).
 */
export function reserveUploadBody(client: string | null): () => void {
  const key = client ?? "(in-process)";
  const mine = uploadBodies.perClient.get(key) ?? 0;
  if (mine >= BODY_LIMITS.uploadsPerClient()) {
    throw new AppError("TOO_MANY_REQUESTS", `at most ${BODY_LIMITS.uploadsPerClient()} uploads at a time from one address; retry when one has finished`, [], {
      "Retry-After": "2",
    });
  }
  if (uploadBodies.total >= BODY_LIMITS.uploads()) {
    throw new AppError("SERVICE_UNAVAILABLE", `the server is receiving ${uploadBodies.total} uploads; retry in a few seconds`, [], { "Retry-After": "5" });
  }
  uploadBodies.total++;
  uploadBodies.perClient.set(key, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    uploadBodies.total--;
    const left = (uploadBodies.perClient.get(key) ?? 1) - 1;
    if (left > 0) uploadBodies.perClient.set(key, left);
    else uploadBodies.perClient.delete(key);
  };
}
