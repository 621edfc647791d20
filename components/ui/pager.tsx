// "Page 2 of 4" with previous/next links: plain links, so every page of a list
// is an address of its own (and a page-cache entry of its own).
import Link from "next/link";

export function Pager({ page, pages, hrefFor, label }: { page: number; pages: number; hrefFor: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const link = "text-sky-700 underline dark:text-sky-400";
  return (
    <nav aria-label={label} className="flex items-center gap-4 text-sm" data-pager>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} prefetch={false} rel="prev" className={link}>
          ← Previous
        </Link>
      ) : (
        <span className="text-zinc-400">← Previous</span>
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} prefetch={false} rel="next" className={link}>
          Next →
        </Link>
      ) : (
        <span className="text-zinc-400">Next →</span>
      )}
    </nav>
  );
}
