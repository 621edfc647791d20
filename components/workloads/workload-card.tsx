// What a workload is: task, data, model, metric and target, budget.
import Link from "next/link";
import type { RoundCatalog, WorkloadInfo } from "@/lib/server/services/catalog";
import { formatCount, formatDuration, formatMetric } from "@/lib/views/format";
import { FactList, type Fact } from "@/components/ui/fact-list";

export function budgetText(w: WorkloadInfo, round: Pick<RoundCatalog["round"], "budgetFactor">): string {
  if (w.budgetSeconds !== null) {
    const s = w.budgetSeconds * round.budgetFactor;
    return `${formatCount(Math.round(s))} s (${formatDuration(s)})${round.budgetFactor !== 1 ? `, ${round.budgetFactor} × ${formatCount(w.budgetSeconds)} s` : ""}`;
  }
  if (w.budgetSteps !== null) return `${formatCount(w.budgetSteps)} steps`;
  return "–";
}

export function WorkloadCard({
  workload: w,
  round,
  href,
  variants = [],
  variantHref,
  counts,
  headingLevel = "h2",
}: {
  workload: WorkloadInfo;
  round: Pick<RoundCatalog["round"], "budgetFactor">;
  href?: string;
  variants?: WorkloadInfo[];
  variantHref?: (key: string) => string;
  counts?: { submissions: number; reached: number };
  headingLevel?: "h1" | "h2" | "h3";
}) {
  const H = headingLevel;
  const facts: Fact[] = [
    ["Task", w.task ?? "–"],
    ["Dataset", w.dataset ?? "–"],
    ["Model", w.model ?? "–"],
    ["Loss", w.loss ?? "–"],
    [
      "Metric",
      <>
        {w.metricLabel ?? w.metricName} <code className="text-xs text-zinc-500">{w.metricName}</code>
      </>,
    ],
    ["Direction", w.direction === "min" ? "lower is better" : "higher is better"],
    [
      "Target",
      <span key="t" className="num font-medium">
        {w.direction === "min" ? "≤ " : "≥ "}
        {formatMetric(w.target)}
      </span>,
    ],
    ["Test target", w.testTarget === null ? "–" : <span className="num">{`${w.direction === "min" ? "≤ " : "≥ "}${formatMetric(w.testTarget)}`}</span>],
    [
      "Budget",
      <span key="b" className="num">
        {budgetText(w, round)}
      </span>,
    ],
    ["Batch size", w.batchSize === null ? "–" : <span className="num">{formatCount(w.batchSize)}</span>],
  ];
  return (
    <article className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-workload-card={w.key}>
      <H className="text-base font-semibold">
        {href ? (
          <Link href={href} prefetch={false} className="hover:underline">
            {w.displayName}
          </Link>
        ) : (
          w.displayName
        )}{" "}
        <code className="ml-1 text-xs font-normal text-zinc-500">{w.key}</code>
        {w.role !== "base" && (
          <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-normal dark:bg-zinc-800">
            {w.role === "held_out" ? "held-out variant" : "variant"}
          </span>
        )}
      </H>
      <FactList facts={facts} />
      {counts && (
        <p className="mt-2 text-xs text-zinc-500">
          {counts.reached} of {counts.submissions} submissions with results reached the target.
        </p>
      )}
      {variants.length > 0 && (
        <p className="mt-2 text-xs text-zinc-500">
          Variants:{" "}
          {variants.map((v, i) => (
            <span key={v.key}>
              {i > 0 && ", "}
              {variantHref ? (
                <Link href={variantHref(v.key)} prefetch={false} className="hover:underline">
                  <code>{v.key}</code>
                </Link>
              ) : (
                <code>{v.key}</code>
              )}
              {v.role === "held_out" ? " (held-out: can disqualify this workload)" : ""}
            </span>
          ))}
        </p>
      )}
      {w.notes && <p className="mt-2 text-xs text-zinc-500">{w.notes}</p>}
    </article>
  );
}
