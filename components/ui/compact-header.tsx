// The header row of the compact tables inside a <details> (a submission's runs,
// a workload's studies): one cell per column, numbers right-aligned.
import { TableHead } from "@/components/ui/table";

export interface CompactColumn {
  label: string;
  align?: "left" | "right";
}

// Whole class names, so that Tailwind finds them in the source.
const ALIGN = { left: "text-left", right: "text-right" } as const;

export function CompactHeader({ columns }: { columns: readonly CompactColumn[] }) {
  return (
    <TableHead
      className="text-zinc-500"
      columns={columns.map((c, i) => ({ label: c.label, className: `${i < columns.length - 1 ? "pr-2 " : ""}${ALIGN[c.align ?? "left"]} font-normal` }))}
    />
  );
}
