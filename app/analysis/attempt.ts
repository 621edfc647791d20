// Page glue: runs a service call and turns a request error into a message the
// page shows next to its controls (an unknown round is a 404 page instead).
import { notFound } from "next/navigation";
import { asAppError } from "@/lib/server/errors";

export type Attempt<T> = { ok: true; value: T } | { ok: false; message: string };

export async function attempt<T>(compute: () => Promise<T> | T): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await compute() };
  } catch (error) {
    // An unreachable database is an AppError too (503): the page says so instead of failing.
    const known = asAppError(error);
    if (known?.code === "NOT_FOUND") notFound();
    if (known) return { ok: false, message: known.message };
    throw error;
  }
}
