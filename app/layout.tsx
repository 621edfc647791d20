import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Suspense } from "react";
import { PinnedBanner } from "@/components/history/pinned-banner";
import { currentPin } from "@/lib/db/pinned";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "AlgoPerf Leaderboard", template: "%s · AlgoPerf Leaderboard" },
  description: "Which training algorithm is really best across workloads, with one fixed configuration? AlgoPerf scores and performance profiles for any pool.",
};

const NAV = [
  { href: "/", label: "Leaderboard" },
  { href: "/workloads", label: "Workloads" },
  { href: "/paper", label: "Paper" },
  { href: "/analysis", label: "Analysis" },
  { href: "/upload", label: "Upload" },
];

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP nonce of proxy.ts must reach
  // Next's inline scripts, which a page prerendered at build time cannot carry.
  await connection();
  // A view pinned to a past version (`?at=`, docs/history.md) says so on every page.
  const pin = currentPin();
  const bannerPin = pin ? { raw: pin.raw, path: pin.path, version: pin.version, at: pin.at.toISOString(), current: pin.current } : null;
  return (
    <html lang="en">
      <head>
        <link rel="alternate" type="application/atom+xml" href="/feed.atom" title="AlgoPerf Leaderboard: changes in every round (Atom)" />
      </head>
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only-focusable absolute top-2 left-2 z-50 rounded bg-sky-700 px-3 py-1 text-sm text-white">
          Skip to content
        </a>
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 text-sm" aria-label="Main">
            <Link href="/" className="font-semibold tracking-tight">
              AlgoPerf Leaderboard
            </Link>
            {NAV.map((n) => (
              <Link key={n.href} href={n.href} prefetch={false} className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                {n.label}
              </Link>
            ))}
          </nav>
        </header>
        <Suspense fallback={null}>
          <PinnedBanner pin={bannerPin} />
        </Suspense>
        <main id="main" className="mx-auto max-w-screen-2xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
