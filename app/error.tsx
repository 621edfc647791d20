"use client";
// Unexpected failures (e.g. the database is down): say so and offer a retry instead of a blank page.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">The page could not be rendered. If the database was restarting, trying again usually works.</p>
      <button type="button" onClick={reset} className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-800">
        Try again
      </button>
    </div>
  );
}
