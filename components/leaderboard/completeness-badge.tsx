// The flag of a submission ranked with fewer runs than its round expects:
// runs found / expected and studies, the missing parts in the tooltip.
import type { CompletenessBadge as Badge } from "@/lib/server/services/round-completeness";
import { formatCount } from "@/lib/views/format";

export function completenessText(c: Badge): string {
  return `incomplete: ${formatCount(c.runs)} of ${formatCount(c.expectedRuns)} runs, ${c.studies} of ${c.studiesExpected} ${c.studiesExpected === 1 ? "study" : "studies"}`;
}

export function CompletenessBadge({ completeness: c }: { completeness: Badge }) {
  if (c.complete) return null;
  return (
    <span
      data-completeness="incomplete"
      title={`Incomplete workloads: ${c.missing.slice(0, 6).join("; ")}${c.missing.length > 6 ? `; and ${c.missing.length - 6} more workloads` : ""}`}
      className="ml-2 inline-block rounded-full border border-amber-700 px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-amber-900 dark:border-amber-400 dark:text-amber-200"
    >
      {formatCount(c.runs)}/{formatCount(c.expectedRuns)} runs · {c.studies}/{c.studiesExpected} {c.studiesExpected === 1 ? "study" : "studies"}
      <span className="sr-only"> ({completenessText(c)})</span>
    </span>
  );
}
