"use client";
// A table whose columns sort on click (numbers numerically, missing values
// last). Rows arrive rendered as strings plus sort keys, so the server decides
// the formatting and the client only reorders.
import { useState } from "react";
import { CaptionedTable } from "@/components/ui/table";

export interface SortableColumn {
  key: string;
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Explains the column (shown as the header's title). */
  description?: string;
}

export interface SortableRow {
  key: string;
  /** Per column: what to show and what to sort by (null sorts last). */
  cells: Record<string, { text: string; sort: number | string | null; href?: string }>;
  /** Emphasised row (e.g. a selected or top-k configuration). */
  emphasis?: boolean;
}

export function SortableTable({
  caption,
  columns,
  rows,
  initialSort,
  initialDirection = "asc",
}: {
  caption: string;
  columns: readonly SortableColumn[];
  rows: readonly SortableRow[];
  initialSort: string;
  initialDirection?: "asc" | "desc";
}) {
  const [sort, setSort] = useState({ key: initialSort, direction: initialDirection });
  const sorted = [...rows].sort((a, b) => {
    const x = a.cells[sort.key]?.sort ?? null;
    const y = b.cells[sort.key]?.sort ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return sort.direction === "asc" ? c : -c;
  });
  return (
    <CaptionedTable id="sortable" label="Sortable table" caption={<>{caption} Click a column header to sort.</>}>
      <thead className="text-left text-xs text-zinc-500">
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              aria-sort={sort.key === c.key ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
              className={`pr-2 ${c.numeric ? "text-right" : ""}`}
              title={c.description}
            >
              <button
                type="button"
                data-sort={c.key}
                onClick={() => setSort((s) => ({ key: c.key, direction: s.key === c.key && s.direction === "asc" ? "desc" : "asc" }))}
                className="py-1 font-medium hover:text-zinc-900 dark:hover:text-zinc-100"
              >
                {c.label}
                <span aria-hidden="true">{sort.key === c.key ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.key} data-row={r.key} className={`border-t border-zinc-100 dark:border-zinc-800 ${r.emphasis ? "bg-amber-50 dark:bg-amber-950/40" : ""}`}>
            {columns.map((c) => {
              const cell = r.cells[c.key];
              return (
                <td key={c.key} className={`py-1 pr-2 ${c.numeric ? "num text-right" : ""}`}>
                  {cell?.href ? (
                    <a href={cell.href} className="underline decoration-zinc-300 hover:decoration-current dark:decoration-zinc-600">
                      {cell.text}
                    </a>
                  ) : (
                    (cell?.text ?? "")
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </CaptionedTable>
  );
}
