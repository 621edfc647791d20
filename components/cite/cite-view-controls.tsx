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
  const url = href ? pinnedUrl(href, version, round.slug) : "";
  const cited: CitedView = { round, version, versionDate, url, accessed: new Date().toISOString() };
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-cite-controls data-version={version}>
      <CopyButton
        // Read the address at click time: client-side navigation may have changed the query since render.
        text={() => pinnedUrl(window.location.href, version, round.slug)}
        idle="Copy permalink"
        copied="Permalink copied"
        data-copy-permalink
        disabled={!url}
      />
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
