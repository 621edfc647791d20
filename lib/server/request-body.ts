// Request body limits, applied before any byte is parsed: the declared
// Content-Length is checked first, and a body without one is counted as it
// streams. Over the limit, reading the body fails with PayloadTooLargeError,
// which the upload procedure turns into HTTP 413 (and records).
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number, declared: number | null) {
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

/** The same request with a body that errors once it exceeds `limit` bytes. */
export function limitBody(req: Request, limit: number, headers: Headers = req.headers): Request {
  if (!req.body) return new Request(req, { headers });
  const declared = Number(req.headers.get("content-length") ?? NaN);
  let body: ReadableStream<Uint8Array>;
  if (Number.isFinite(declared) && declared > limit) {
    // Not read at all; the server discards it after the response.
    body = new ReadableStream({ start: (controller) => controller.error(new PayloadTooLargeError(limit, declared)) });
  } else {
    let seen = 0;
    body = req.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) controller.error(new PayloadTooLargeError(limit, null));
          else controller.enqueue(chunk);
        },
      }),
    );
  }
  const out = new Headers(headers);
  out.delete("content-length");
  return new Request(req.url, { method: req.method, headers: out, body, signal: req.signal, duplex: "half" } as RequestInit);
}
