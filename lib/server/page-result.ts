// How pages turn service errors into what a reader sees: an unknown round,
// workload or submission is the 404 page; a bad parameter or a pool the
// scoring engine refuses is shown on the page with its explanation, and so is
// an unreachable database (503, "retry in a few seconds") instead of a crash.
import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { readOrLastGood } from "@/lib/server/cache";
import { withClient } from "@/lib/server/compute/pool";
import { AppError, asAppError } from "@/lib/server/errors";
import { clientIp } from "@/lib/server/rate-limit";
import { markUncacheable } from "@/lib/server/render-context";

export type PageResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Computations count against the client's address, as from the API (lib/server/compute/pool.ts). */
export async function pageResult<T>(load: () => Promise<T> | T): Promise<PageResult<T>> {
  const client = clientIp(await headers());
  try {
    return { ok: true, value: await withClient(client, async () => load()) };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    const appError = asAppError(error);
    // An outage notice is not the data of any version: the page cache must not keep it.
    if (appError?.code === "SERVICE_UNAVAILABLE") markUncacheable("database unavailable");
    if (appError) return { ok: false, error: appError };
    throw error;
  }
}

export interface Remembered<T> {
  value: T;
  /** Served from memory because the database is unavailable. */
  stale: boolean;
  /** When the value was read from the database. */
  at: Date;
}

/**
 * pageResult of a read that, while the database is unavailable, falls back to
 * the last value this server read for `key` (lib/server/cache.ts readOrLastGood).
 */
export function rememberedPageResult<T>(key: string, load: () => Promise<T>): Promise<PageResult<Remembered<T>>> {
  return pageResult(() => readOrLastGood(key, load));
}

/** A value pages can do without (e.g. the round picker): the last one read, or `fallback` while the database is unavailable. */
export async function optionalRead<T>(key: string, load: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return (await readOrLastGood(key, load)).value;
  } catch (error) {
    if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") {
      markUncacheable("database unavailable");
      return fallback;
    }
    throw error;
  }
}
