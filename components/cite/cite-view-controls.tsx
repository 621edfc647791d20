"use client";
// "Copy permalink" and "Cite this view" (docs/feeds-and-badges.md): the
// address of the page as the reader sees it, with `at=<version>` pinned, and
// a BibTeX / CSL-JSON citation of that view. Built in the browser from its
// own address, so every parameter of the view is kept and the page cache
// keeps one copy of the page for all hosts.
import { useState, useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { bibtex, cslJson, pinnedUrl, type CitedView } from "@/lib/views/cite/citation";

const subscribeToNavigation = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};

export function CiteViewControls({ round, version, versionDate }: { round: CitedView["round"]; version: number; versionDate: string }) {
  const href = useSyncExternalStore(
    subscribeToNavigation,
    () => window.location.href,
    () => "",
  );
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const url = href ? pinnedUrl(href, version, round.slug) : "";
  const cited: CitedView = { round, version, versionDate, url, accessed: new Date().toISOString() };
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-cite-controls data-version={version}>
      <button
        type="button"
        className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
        data-copy-permalink
        disabled={!url}
        onClick={() => {
          // Read the address at click time: client-side navigation may have changed the query since render.
          const link = pinnedUrl(window.location.href, version, round.slug);
          navigator.clipboard.writeText(link).then(
            () => setCopied("copied"),
            () => setCopied("failed"),
          );
          setTimeout(() => setCopied("idle"), 2000);
        }}
      >
        <span aria-live="polite">{copied === "copied" ? "Permalink copied" : copied === "failed" ? "Copy failed" : "Copy permalink"}</span>
      </button>
      {url && (
        <a href={url} className="text-sky-700 hover:underline dark:text-sky-400" data-permalink>
          version {version}
        </a>
      )}
      <button type="button" className="text-sky-700 hover:underline dark:text-sky-400" aria-expanded={open} onClick={() => setOpen(!open)} data-cite-toggle>
        Cite this view
      </button>
      {open && url && (
        <div className="basis-full space-y-2 rounded border border-zinc-200 p-2 dark:border-zinc-800" data-citation>
          {(
            [
              ["BibTeX", bibtex(cited)],
              ["CSL-JSON", cslJson(cited)],
            ] as const
          ).map(([label, text]) => (
            <div key={label}>
              <div className="flex items-center gap-2">
                <span className="font-medium">{label}</span>
                <CopyButton text={text} label={label} />
              </div>
              <pre className="mt-1 overflow-x-auto rounded bg-zinc-50 p-2 dark:bg-zinc-900" data-citation-format={label}>
                {text}
              </pre>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
