// A typed client for TypeScript runners and the CLI: the tRPC procedures over
// plain HTTP (no transformer, so the wire format is the documented JSON).
//
//   const client = createLeaderboardClient({ url: "https://leaderboard.example", token });
//   const result = await withRetry(() => client.ingest.upload.mutate({ round, submissions, runs }));
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/lib/server/routers/_app";

export type { UploadInput } from "@/lib/ingest/upload-schema";
export type { UploadResult } from "@/lib/server/services/upload";

/** A non-JSON answer (e.g. a proxy's 502 page): tRPC cannot read it, so its status travels here. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpStatusError";
  }
}

/**
 * The part of fetch() the client uses; the global fetch is one (the default),
 * the CLI passes its own transport (ingest/http-transport.ts).
 */
export type FetchLike = (
  input: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal | null },
) => Promise<{ status: number; statusText: string; headers: { get(name: string): string | null }; text(): Promise<string>; json(): Promise<unknown> }>;

export function createLeaderboardClient(options: { url: string; token?: string; fetch?: FetchLike }) {
  const base = options.url.replace(/\/+$/, "");
  const baseFetch: FetchLike = options.fetch ?? fetch;
  const statusFetch = (async (input: string, init?: Parameters<FetchLike>[1]) => {
    const res = await baseFetch(input, init);
    if (!/json/i.test(res.headers.get("content-type") ?? "")) {
      const text = (await res.text()).trim().slice(0, 200);
      throw new HttpStatusError(res.status, `HTTP ${res.status} ${res.statusText}${text ? `: ${text}` : ""}`);
    }
    return res;
  }) as typeof fetch;
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
        fetch: statusFetch,
      }),
    ],
  });
}

export type LeaderboardClient = ReturnType<typeof createLeaderboardClient>;

/** HTTP status of a failed call, or null when no HTTP answer came (network error). */
export function errorStatus(error: unknown): number | null {
  if (error instanceof HttpStatusError) return error.status;
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (typeof status === "number") return status;
    return error.cause instanceof HttpStatusError ? error.cause.status : null;
  }
  return null;
}

/** { path, message } issues of a failed call (see README "Uploading results"). */
export function errorIssues(error: unknown): { path: string; message: string }[] {
  if (error instanceof TRPCClientError) {
    const issues = (error.data as { issues?: { path: string; message: string }[] | null } | undefined)?.issues;
    return issues ?? [];
  }
  return [];
}

/**
 * A failed call's message without the issues it quotes: the server's message
 * quotes its first issues after "<n> problems: " (lib/server/errors.ts
 * issuesError), and a CLI that lists errorIssues says them once, below it.
 */
export function messageHead(message: string): string {
  return /^(.*?: \d+ problems?): /s.exec(message)?.[1] ?? message;
}

/**
 * Network errors, 5xx and 429 are worth retrying; other 4xx are the request's
 * fault and would fail again. Uploads are idempotent, so a retry after a
 * lost response reports the runs as unchanged.
 */
export function isRetryable(error: unknown): boolean {
  const status = errorStatus(error);
  return status === null || status >= 500 || status === 429;
}

export async function withRetry<T>(
  fn: () => Promise<T>,
  options: { retries?: number; baseDelayMs?: number; onRetry?: (error: unknown, attempt: number, delayMs: number) => void } = {},
): Promise<T> {
  const retries = options.retries ?? 5;
  const base = options.baseDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt > retries || !isRetryable(error)) throw error;
      // Exponential backoff with jitter: 0.5 s, 1 s, 2 s, ... (± 25 %).
      const delay = Math.round(base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      options.onRetry?.(error, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
