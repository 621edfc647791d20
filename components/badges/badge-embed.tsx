"use client";
// The submission's badge with the Markdown and HTML that embed it elsewhere,
// linking to the view pinned at the version the badge shows. The snippets are
// absolute URLs of the site the reader is on: the origin is the browser's
// (the server renders them relative, and the page cache keeps one copy for
// every host name).
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { badgePath, badgeSnippets, type BadgeFacts } from "@/lib/views/badges/badge-content";

const noSubscribe = () => () => {};

export function BadgeEmbed({ badge }: { badge: BadgeFacts }) {
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
  const snippets = badgeSnippets(origin, badge);
  return (
    <div className="space-y-2" data-badge-embed>
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG badge, shown exactly as embedded elsewhere */}
      <img src={badgePath(badge.round.slug, badge.slug)} alt={`Badge of ${badge.displayName ?? badge.slug}`} height={20} data-badge />
      {(["markdown", "html"] as const).map((kind) => (
        <div key={kind} className="flex items-start gap-2 text-xs">
          <span className="w-16 shrink-0 text-zinc-500">{kind === "markdown" ? "Markdown" : "HTML"}</span>
          <code className="min-w-0 flex-1 break-all rounded bg-zinc-50 px-1 py-0.5 dark:bg-zinc-900" data-badge-snippet={kind}>
            {snippets[kind]}
          </code>
          <CopyButton text={snippets[kind]} label={`badge ${kind === "markdown" ? "Markdown" : "HTML"}`} />
        </div>
      ))}
    </div>
  );
}
