// How pages turn service errors into what a reader sees: an unknown round,
// workload or submission is the 404 page; a bad parameter or a pool the
// scoring engine refuses is shown on the page with its explanation.
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";

export type PageResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export async function pageResult<T>(load: () => Promise<T>): Promise<PageResult<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}
