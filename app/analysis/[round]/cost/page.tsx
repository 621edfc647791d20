// /analysis/<round>/cost?pricePerGpuHour=<x>: cost to target in GPU-hours
// (issue 17, docs/analysis-tuning.md "Cost to target"): the pool ranked by the
// GPU-hours of all its tuning trials (and their price), per workload the
// result's cost and the search's, hardware beside every figure.
import { AnalysisSection } from "@/components/analysis/analysis-section";
import { NumberField, PoolControls } from "@/components/analysis/pool-form";
import { Notice } from "@/components/ui/notice";
import { parseCostParams } from "@/lib/server/schemas/analysis-cost";
import { costOfPool, type CostReport } from "@/lib/server/services/analysis-cost";
import { JsonLink } from "../../json-link";
import { pooled, readAnalysisView, type AnalysisPageProps } from "../../read-view";
import { CaptionedTable, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Cost to target" };

/** GPU-hours: null = unknown (no GPU count), +inf = target not reached. */
function gpuHours(v: number | null): string {
  if (v === null) return "unknown";
  if (!Number.isFinite(v)) return "not reached";
  return v.toLocaleString("en-US", { maximumFractionDigits: v < 10 ? 2 : 1, minimumFractionDigits: v < 10 ? 2 : 1 });
}

const money = (v: number | null) => (v === null ? "–" : v.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 }));

export default async function CostPage(props: AnalysisPageProps) {
  const { controls, round, query, report } = await readAnalysisView(props, parseCostParams, pooled(costOfPool));
  return (
    <AnalysisSection
      view="cost"
      title="Cost to target"
      intro={
        <>
          What a result cost in GPU-hours: time × the run&apos;s GPU count. <em>To target</em> is the official workload time (median over studies of each
          study&apos;s best trial); <em>search</em> adds every tuning trial of every study, a hit up to its hit, a miss for its whole run (up to its last eval).
          The ranking is by the total over all workloads, and so by price at any price per GPU-hour.
        </>
      }
    >
      <PoolControls view="cost" state={controls}>
        <NumberField name="pricePerGpuHour" label="Price per GPU-hour" value={query.get("pricePerGpuHour") ?? ""} min={0.0001} step="any" />
      </PoolControls>
      {report && <CostNotices report={report} />}
      {report && <CostRanking report={report} />}
      {report && <CostPerWorkload report={report} />}
      {report && <JsonLink round={round} endpoint="cost" params={query} />}
    </AnalysisSection>
  );
}

function CostNotices({ report }: { report: CostReport }) {
  const name = (k: string) => report.displayNames[k] ?? k;
  const classes = [...new Set(report.members.flatMap((m) => m.hardware))].sort();
  return (
    <>
      {report.mixedHardware && (
        <Notice tone="info">
          <span data-mixed-hardware>
            Mixed hardware: this pool&apos;s trials ran on {classes.length} hardware classes ({classes.join("; ")}). GPU-hours on different GPUs are not like
            for like; compare within one class.
          </span>
        </Notice>
      )}
      {report.unknownGpuCount.length > 0 && (
        <Notice tone="info">
          <span data-unknown-gpu>
            No GPU count is stored for some trials of {report.unknownGpuCount.map(name).join(", ")}: their GPU-hours are unknown. GPU counts come from the
            runs&apos; <code>meta_data_*.json</code> when uploaded from AlgoPerf logs; the published rounds were seeded from per-trial tables without them.
          </span>
        </Notice>
      )}
    </>
  );
}

function CostRanking({ report }: { report: CostReport }) {
  const name = (k: string) => report.displayNames[k] ?? k;
  const byKey = new Map(report.members.map((m) => [m.key, m]));
  return (
    <CaptionedTable
      id="cost-ranking"
      label="Ranking by cost"
      caption={
        <>
          Submissions by GPU-hours of all trials, cheapest first (unknown last)
          {report.pricePerGpuHour !== null ? `, priced at ${money(report.pricePerGpuHour)} per GPU-hour` : ""}.
        </>
      }
    >
      <TableHead
        cellClassName="px-2"
        columns={[
          { label: "#", className: "py-1 text-right" },
          "Submission",
          "Hardware",
          { label: "GPU-hours, all trials", className: "text-right" },
          { label: "GPU-hours to target (sum over workloads reached)", className: "text-right" },
          report.pricePerGpuHour !== null && { label: "Price", className: "text-right" },
        ]}
      />
      <tbody>
        {report.ranking.map((key, i) => {
          const m = byKey.get(key)!;
          const reached = m.workloads.map((w) => w.toTarget).filter((v): v is number => v !== null && Number.isFinite(v));
          const unknown = m.workloads.some((w) => w.toTarget === null);
          return (
            <tr key={key} data-row={key} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="num py-1 text-right">{i + 1}</td>
              <td className="px-2 whitespace-nowrap">{name(key)}</td>
              <td className="px-2 text-xs" data-field="hardware">
                {m.hardware.join("; ")}
              </td>
              <td className="num text-right" data-field="total">
                {gpuHours(m.total)}
              </td>
              <td className="num text-right">{unknown ? "unknown" : gpuHours(reached.reduce((a, b) => a + b, 0))}</td>
              {report.pricePerGpuHour !== null && (
                <td className="num text-right" data-field="price">
                  {money(m.price)}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </CaptionedTable>
  );
}

function CostPerWorkload({ report }: { report: CostReport }) {
  const name = (k: string) => report.displayNames[k] ?? k;
  const byKey = new Map(report.members.map((m) => [m.key, m]));
  return (
    <div className="space-y-2">
      <h3 className="text-base font-semibold">Per workload and study</h3>
      <CaptionedTable id="cost-workloads" label="Cost per workload and study">
        <TableHead
          cellClassName="px-2"
          columns={[
            { label: "Submission", className: "py-1" },
            "Hardware",
            "Workload",
            { label: "GPU-h to target", className: "text-right" },
            { label: "GPU-h search (all trials)", className: "text-right" },
            "GPU-h per study",
            report.pricePerGpuHour !== null && { label: "Price of the search", className: "text-right" },
          ]}
        />
        <tbody>
          {report.ranking.flatMap((key) =>
            byKey.get(key)!.workloads.map((w, j) => (
              <tr
                key={`${key}-${w.workload}`}
                data-row={`${key}/${w.workload}`}
                className={j === 0 ? "border-t border-zinc-300 dark:border-zinc-700" : "border-t border-zinc-100 dark:border-zinc-800"}
              >
                <td className="py-1 whitespace-nowrap">{name(key)}</td>
                <td className="px-2 text-xs">{byKey.get(key)!.hardware.join("; ")}</td>
                <td className="px-2">{w.workload}</td>
                <td className="num text-right">{gpuHours(w.toTarget)}</td>
                <td className="num text-right">{gpuHours(w.search)}</td>
                <td className="num px-2 text-xs">{w.perStudy.map(gpuHours).join(" · ")}</td>
                {report.pricePerGpuHour !== null && <td className="num text-right">{money(w.search === null ? null : w.search * report.pricePerGpuHour)}</td>}
              </tr>
            )),
          )}
        </tbody>
      </CaptionedTable>
    </div>
  );
}
