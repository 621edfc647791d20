"use client";
// The banner of a view pinned to a past version (`?at=`, docs/history.md).
// The root layout renders it with the version the server resolved for the
// first request; the layout stays across client-side navigation, so the
// banner follows the URL: it shows while the URL has `at`, with the resolved
// version and date when the URL is still the one they were resolved for.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export interface BannerPin {
  /** The `at` value of the request the pin was resolved for. */
  raw: string;
  path: string;
  version: number;
  /** ISO date of the version. */
  at: string;
  current: number;
}

export function PinnedBanner({ pin }: { pin: BannerPin | null }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const raw = params.get("at");
  if (raw === null) return null;
  const rest = new URLSearchParams(params);
  rest.delete("at");
  const currentHref = `${pathname}${rest.size ? `?${rest.toString()}` : ""}`;
  const resolved = pin && pin.raw === raw && pin.path === pathname ? pin : null;
  const what = resolved
    ? `version ${resolved.version} of ${resolved.at.replace("T", " ").slice(0, 19)} UTC`
    : /^\d+$/.test(raw)
      ? `version ${raw}`
      : `the version of ${raw}`;
  return (
    <div
      role="status"
      data-testid="pinned-banner"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <div className="mx-auto max-w-screen-2xl">
        Viewing {what}
        {resolved && resolved.current !== resolved.version ? ` (the round is now at version ${resolved.current})` : ""}; this view never changes.{" "}
        <Link href={currentHref} prefetch={false} className="font-medium underline">
          See the current view
        </Link>
      </div>
    </div>
  );
}
