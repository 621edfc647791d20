// 404 for pages: an unknown round, workload or submission (the JSON endpoints answer with their own error body).
import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        There is no round, workload or submission at this address. Rounds and workloads are listed here:
      </p>
      <p className="flex gap-4 text-sm">
        <Link className="text-sky-700 hover:underline dark:text-sky-400" href="/" prefetch={false}>
          Leaderboard
        </Link>
        <Link className="text-sky-700 hover:underline dark:text-sky-400" href="/workloads" prefetch={false}>
          Workloads
        </Link>
      </p>
    </div>
  );
}
