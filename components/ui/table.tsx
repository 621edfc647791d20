// The site's table primitives: the two table shells (a bordered box with a
// screen-reader caption, and the analysis pages' scroll region with a visible
// caption) and a header row built from a column list, so that each table
// states only its columns and rows.
import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** One header cell (a bare string: a label with the table's `cellClassName`); `false` or null leaves out a column shown only sometimes. */
export interface HeadColumn {
  label: ReactNode;
  className?: string;
  /** Explains the column (shown as the header's title). */
  title?: string;
}

// Whole class names, so that Tailwind finds them in the source.
export const HEAD_TONE = {
  /** The analysis pages' tables: small grey labels. */
  plain: "text-left text-xs text-zinc-500",
  /** The bordered tables: a shaded header band. */
  shaded: "bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400",
} as const;

export function TableHead({
  columns,
  className = HEAD_TONE.plain,
  cellClassName,
}: {
  columns: readonly (HeadColumn | string | false | null | undefined)[];
  className?: string;
  /** The class of a column given as a bare label: most of a table's header cells share one. */
  cellClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((c, i) => {
          const col: HeadColumn | false | null | undefined = typeof c === "string" ? { label: c, className: cellClassName } : c;
          return (
            col && (
              <th key={i} scope="col" className={col.className} title={col.title}>
                {col.label}
              </th>
            )
          );
        })}
      </tr>
    </thead>
  );
}

/** A table in a rounded, bordered box that scrolls sideways; the caption is for screen readers. */
export function FramedTable({
  id,
  caption,
  className = "w-full text-sm",
  children,
}: {
  id: string;
  caption: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className={className} data-table={id}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** An analysis table: a labelled scroll region and a visible caption above the rows. */
export function CaptionedTable({
  id,
  label,
  caption,
  className = "w-full text-sm",
  regionClassName,
  children,
}: {
  id: string;
  /** The scroll region's accessible name. */
  label: string;
  /** Left out when the heading above already says what the table holds. */
  caption?: ReactNode;
  className?: string;
  regionClassName?: string;
  children: ReactNode;
}) {
  return (
    <ScrollRegion label={label} className={regionClassName}>
      <table className={className} data-table={id}>
        {caption !== undefined && <caption className="pb-2 text-left text-xs text-zinc-500">{caption}</caption>}
        {children}
      </table>
    </ScrollRegion>
  );
}
