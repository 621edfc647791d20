// Page glue: runs a service call and turns a request error into a message the
// page shows next to its controls (an unknown round is a 404 page instead).
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { withClient } from "@/lib/server/compute/pool";
import { asAppError } from "@/lib/server/errors";
import { clientIp } from "@/lib/server/rate-limit";

export type Attempt<T> = { ok: true; value: T } | { ok: false; message: string };

/** Computations count against the client's address, as from the API (lib/server/compute/pool.ts). */
export async function attempt<T>(compute: () => Promise<T> | T): Promise<Attempt<T>> {
  const client = clientIp(await headers());
  try {
    return { ok: true, value: await withClient(client, async () => compute()) };
  } catch (error) {
    // An unreachable database is an AppError too (503): the page says so instead of failing.
    const known = asAppError(error);
    if (known?.code === "NOT_FOUND") notFound();
    if (known) return { ok: false, message: known.message };
    throw error;
  }
}
