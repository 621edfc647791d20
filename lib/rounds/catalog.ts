// The workload catalog (data/workloads.json): every workload the official
// AlgoPerf code knows, with its description, metric and runtime budget per
// benchmark version. The one place rounds take workload facts from.
import { z } from "zod";
import catalogJson from "@/data/workloads.json";

const direction = z.enum(["min", "max"]);
const baseWorkload = z.strictObject({
  base: z.null(),
  displayName: z.string().min(1),
  task: z.string().min(1),
  dataset: z.string().min(1),
  model: z.string().min(1),
  loss: z.string().min(1),
  /** Metric name as in the targets files (`target_metric_name`), without the `validation/` prefix. */
  metric: z.string().min(1),
  batchSize: z.number().int().positive().nullable(),
  testTarget: z.number().finite().nullable(),
  /** Runtime budget in seconds per benchmark version (docs/scoring.md §6); self-tuning multiplies it. */
  budgets: z.record(z.string().regex(/^v\d+\.\d+$/), z.number().positive()),
});
const variantWorkload = z.strictObject({
  /** docs/scoring.md §6: a variant uses its base workload's budget. */
  base: z.string().min(1),
  variant: z.string().min(1),
  metric: z.string().min(1),
});

export const workloadCatalogSchema = z
  .object({
    _comment: z.string().optional(),
    metrics: z.record(z.string(), z.strictObject({ label: z.string().min(1), direction })),
    workloads: z.record(z.string(), z.union([baseWorkload, variantWorkload])),
  })
  .superRefine((c, ctx) => {
    for (const [key, w] of Object.entries(c.workloads)) {
      if (!(w.metric in c.metrics)) ctx.addIssue({ code: "custom", path: ["workloads", key, "metric"], message: `metric "${w.metric}" is not in metrics` });
      if (w.base !== null && c.workloads[w.base]?.base !== null)
        ctx.addIssue({ code: "custom", path: ["workloads", key, "base"], message: `"${w.base}" is not a base workload of the catalog` });
    }
  });

export type WorkloadCatalog = z.infer<typeof workloadCatalogSchema>;
export type CatalogBaseWorkload = z.infer<typeof baseWorkload>;

/** The catalog of data/workloads.json, validated once when first imported. */
export const WORKLOAD_CATALOG: WorkloadCatalog = workloadCatalogSchema.parse(catalogJson);

/** The base entry of a workload key (itself for a base workload), or undefined if unknown. */
export function catalogBase(catalog: WorkloadCatalog, key: string): CatalogBaseWorkload | undefined {
  const w = catalog.workloads[key];
  if (!w) return undefined;
  if (w.base === null) return w;
  const b = catalog.workloads[w.base];
  return b && b.base === null ? b : undefined;
}
