// Page glue: runs a service call and turns a request error into a message the
// page shows next to its controls (an unknown round is a 404 page instead).
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";

export type Attempt<T> = { ok: true; value: T } | { ok: false; message: string };

export async function attempt<T>(compute: () => Promise<T> | T): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await compute() };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}
