// /paper?integration=exact|trapezoid: Kasimbeg et al. 2025 recomputed. Table 6
// and Appendix F side by side (the 36-configuration pool without and with the
// imported Schedule-Free AdamW row), the change of every row, and Tables 4/5.
import type { Metadata } from "next";
import Link from "next/link";
import { CiteThisView } from "@/components/cite/cite-this-view";
import { citationOf } from "@/lib/server/pages/citation";
import { Notice } from "@/components/ui/notice";
import { readPaperParams } from "@/lib/server/schemas/paper";
import { db } from "@/lib/db/client";
import { pageResult } from "@/lib/server/page-result";
import { getPaperView, PAPER_ROUND, type PaperMetricColumn, type PaperRow } from "@/lib/server/services/paper";
import { formatDelta, formatHorizon, formatMetric, formatScore } from "@/lib/views/format";
import { EMPTY_QUERY, type ViewQuery } from "@/lib/views/query";
import { routes } from "@/lib/views/routes";
import { FramedTable, TableHead } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";

// The shaded header band of the paper's tables (cells align themselves).
const PAPER_HEAD = "bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "The paper, recomputed" };

const D = 3; // the paper prints 3 decimals

function ScoreCell({ value, published, testId }: { value: number | null | undefined; published?: number | null; testId?: string }) {
  const off = value !== null && value !== undefined && published !== null && published !== undefined ? Number(value.toFixed(D)) - published : null;
  return (
    <td className="num px-2 py-0.5 text-right" data-field={testId} data-value={value ?? undefined}>
      {formatScore(value ?? null, D)}
      {off !== null && Math.abs(off) >= 0.0005 && (
        <span
          className="ml-1 text-[10px] text-amber-700 dark:text-amber-400"
          title={`differs from the published ${formatScore(published, D)} by ${formatDelta(off, D)}`}
        >
          ({formatDelta(off, D)})
        </span>
      )}
    </td>
  );
}

function MetricsTable({
  id,
  caption,
  columns,
  rows,
}: {
  id: string;
  caption: string;
  columns: PaperMetricColumn[];
  rows: { slug: string; displayName: string; cells: Record<string, { value: number | null; note?: string }> }[];
}) {
  const meets = (c: PaperMetricColumn, v: number) => (c.direction === "min" ? v <= c.target : v >= c.target);
  return (
    <FramedTable id={id} caption={<>{caption}</>}>
      <thead className={PAPER_HEAD}>
        <tr>
          <th scope="col" className="px-2 py-2 text-left">
            Method
          </th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className="px-2 py-2 text-right">
              {c.label}
            </th>
          ))}
        </tr>
        <tr className="text-[11px]">
          <th scope="row" className="px-2 pb-1 text-left font-normal">
            target
          </th>
          {columns.map((c) => (
            <td key={c.key} className="num px-2 pb-1 text-right">
              {c.direction === "min" ? "≤" : "≥"} {formatMetric(c.target)}
            </td>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.slug} className="border-t border-zinc-100 dark:border-zinc-800">
            <th scope="row" className="px-2 py-0.5 text-left font-normal">
              <Link href={routes.submission(PAPER_ROUND, r.slug)} prefetch={false} className="hover:underline">
                {r.displayName}
              </Link>
            </th>
            {columns.map((c) => {
              const cell = r.cells[c.key];
              const hit = cell?.value !== null && cell?.value !== undefined && meets(c, cell.value);
              return (
                <td
                  key={c.key}
                  className={`num px-2 py-0.5 text-right ${hit ? "font-semibold text-emerald-800 dark:text-emerald-300" : ""}`}
                  title={cell?.note}
                >
                  {formatMetric(cell?.value ?? null)}
                  {hit && <span className="sr-only"> (meets the target)</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </FramedTable>
  );
}

/** Below a table of the paper: the same pool on the leaderboard. */
function PoolLink({ query }: { query: ViewQuery }) {
  return (
    <p className="text-xs">
      <Link className="text-sky-700 hover:underline dark:text-sky-400" prefetch={false} href={routes.round(PAPER_ROUND, query)}>
        Open this pool in the leaderboard
      </Link>
    </p>
  );
}

export default async function PaperPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const { integration, issues } = readPaperParams(sp.integration);
  const result = await pageResult(() => getPaperView(db(), integration));
  if (!result.ok) return <Notice tone="error" title={result.error.message} />;
  const v = result.value;
  const selected = v.rows.filter((r) => r.published.table6 !== null);
  const importedRows = v.rows.filter((r) => r.source === "imported");
  const appendixF = [...selected, ...importedRows];
  const all = [...v.rows].sort((a, b) => (a.without?.rank ?? Infinity) - (b.without?.rank ?? Infinity) || (a.with?.rank ?? 0) - (b.with?.rank ?? 0));
  const importedName = importedRows.map((r) => r.displayName).join(", ") || "the imported row";
  const addImported = v.imported.map((i) => i.slug);
  const integrationQuery = integration === "exact" ? "exact" : undefined;
  const tab = (mode: "exact" | "trapezoid", label: string) => (
    <Link
      href={mode === "exact" ? routes.paper : `${routes.paper}?integration=trapezoid`}
      prefetch={false}
      scroll={false}
      aria-current={integration === mode ? "true" : undefined}
      data-integration={mode}
      className={`px-3 py-1 ${integration === mode ? "bg-sky-700 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
    >
      {label}
    </Link>
  );
  const name = (r: PaperRow, display?: string | null) => (
    <Link href={routes.submission(PAPER_ROUND, r.slug)} prefetch={false} className="hover:underline">
      {display ?? r.displayName}
    </Link>
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">The paper, recomputed</h1>
        <CiteThisView citation={() => citationOf(PAPER_ROUND)} />
        <p className="mt-2 max-w-4xl text-sm text-zinc-600 dark:text-zinc-400">
          Kasimbeg, Roulet, Agarwal, Medapati, Pedregosa, Agarwala, Dahl: <em>How far away are truly hyperparameter-free learning algorithms?</em> (
          <a className="text-sky-700 hover:underline dark:text-sky-400" href="https://arxiv.org/abs/2505.24005">
            arXiv 2505.24005
          </a>
          ). Every score below is recomputed here from the runtime fractions the paper publishes. Table 6 is scored in the pool of all 36 configurations of
          Appendix E; Appendix F adds {importedName} to that pool, and every score changes. Sources:{" "}
          <a className="text-sky-700 hover:underline dark:text-sky-400" href="/paper/sources/README.md">
            data/published/README.md
          </a>{" "}
          and{" "}
          <a className="text-sky-700 hover:underline dark:text-sky-400" href="/paper/sources/PAPER_NOTES.md">
            PAPER_NOTES.md
          </a>{" "}
          (how the tables were extracted and aligned).
        </p>
      </div>
      {issues.length > 0 && <Notice title="Some URL parameters were ignored" issues={issues} />}
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex overflow-hidden rounded border border-zinc-300 text-sm dark:border-zinc-700" role="group" aria-label="Integration">
          {tab("exact", "Exact integration (as the paper)")}
          {tab("trapezoid", "Official 100-point grid")}
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-scoring-mode={v.settings.with?.mode ?? ""}>
          <span className="font-semibold">Scoring mode:</span> {v.settings.with?.mode}
        </p>
        <p className="ml-auto flex gap-3 text-xs">
          <a className="text-sky-700 hover:underline dark:text-sky-400" href={routes.api.paper({ integration }, "csv")} download>
            CSV
          </a>
          <a className="text-sky-700 hover:underline dark:text-sky-400" href={routes.api.paper({ integration })}>
            JSON
          </a>
        </p>
      </div>

      <div className="grid gap-5 lg:grid-cols-2">
        <TitledSection
          id="t6"
          title={
            <>
              Table 6 <span className="text-sm font-normal text-zinc-500">· 36-configuration pool</span>
            </>
          }
          className="min-w-0 space-y-2"
        >
          <FramedTable id="table6" caption="Table 6: the selected configuration of each method and horizon, published and recomputed scores">
            <TableHead
              cellClassName="px-2 py-2 text-right"
              className={PAPER_HEAD}
              columns={[{ label: "Configuration", className: "px-2 py-2 text-left" }, "Published", "Recomputed", "Targets"]}
            />
            <tbody>
              {selected.map((r) => (
                <tr key={r.slug} data-submission={r.slug} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="px-2 py-0.5 text-left font-normal">
                    {name(r, r.published.table6Name)}
                  </th>
                  <td className="num px-2 py-0.5 text-right text-zinc-500">{formatScore(r.published.table6, D)}</td>
                  <ScoreCell value={r.without?.score} published={r.published.table6} testId="score-without" />
                  <td className="num px-2 py-0.5 text-right">{r.without?.targetsHit ?? "–"}/8</td>
                </tr>
              ))}
            </tbody>
          </FramedTable>
          <PoolLink query={{ ...EMPTY_QUERY, integration: integrationQuery }} />
        </TitledSection>
        <TitledSection
          id="af"
          title={
            <>
              Appendix F <span className="text-sm font-normal text-zinc-500">· with {importedName}</span>
            </>
          }
          className="min-w-0 space-y-2"
        >
          <FramedTable
            id="appendixF"
            caption={<>Appendix F: the same configurations scored with {importedName} added to the pool, and the change from Table 6</>}
          >
            <TableHead
              cellClassName="px-2 py-2 text-right"
              className={PAPER_HEAD}
              columns={[
                { label: "Configuration", className: "px-2 py-2 text-left" },
                "Published",
                "Recomputed",
                {
                  label: "Δ (with − without)",
                  className: "px-2 py-2 text-right",
                  title: "Δ = recomputed score with the imported row − without it (the sign every view uses)",
                },
              ]}
            />
            <tbody>
              {appendixF.map((r) => (
                <tr
                  key={r.slug}
                  data-submission={r.slug}
                  className={`border-t border-zinc-100 dark:border-zinc-800 ${r.source === "imported" ? "bg-amber-50/60 dark:bg-amber-950/20" : ""}`}
                >
                  <th scope="row" className="px-2 py-0.5 text-left font-normal">
                    {name(r, r.published.table6Name)}
                    {r.source === "imported" && <span className="ml-1 text-[10px] font-medium text-amber-800 uppercase dark:text-amber-300">imported</span>}
                  </th>
                  <td className="num px-2 py-0.5 text-right text-zinc-500">{formatScore(r.published.appendixF, D)}</td>
                  <ScoreCell value={r.with?.score} published={r.published.appendixF} testId="score-with" />
                  <td className={`num px-2 py-0.5 text-right ${r.delta !== null && r.delta < 0 ? "text-red-700 dark:text-red-400" : ""}`} data-field="delta">
                    {formatDelta(r.delta, D)}
                  </td>
                </tr>
              ))}
            </tbody>
          </FramedTable>
          <PoolLink query={{ ...EMPTY_QUERY, add: addImported, integration: integrationQuery }} />
        </TitledSection>
      </div>

      <TitledSection id="all" title={<>All 36 configurations, without and with {importedName}</>} className="space-y-2">
        <p className="text-xs text-zinc-500">
          Ranked by the score without the imported row. Published: Appendix E (without) and Appendix F (with, for the 12 selected rows).
        </p>
        <FramedTable
          id="paper-all"
          caption="Every configuration scored in the 36-row pool and in the pool with the imported row, with the change and the published values"
        >
          <TableHead
            cellClassName="px-2 py-2 text-right"
            className={PAPER_HEAD}
            columns={[
              "#",
              { label: "Configuration", className: "px-2 py-2 text-left" },
              { label: "Horizon", className: "px-2 py-2 text-left" },
              "Published (E)",
              "Without",
              "Published (F)",
              "With",
              {
                label: "Δ (with − without)",
                className: "px-2 py-2 text-right",
                title: "Δ = score with the imported row − without it (the sign every view uses)",
              },
              "Rank with",
            ]}
          />
          <tbody>
            {all.map((r) => (
              <tr
                key={r.slug}
                data-submission={r.slug}
                className={`border-t border-zinc-100 dark:border-zinc-800 ${r.source === "imported" ? "bg-amber-50/60 dark:bg-amber-950/20" : ""}`}
              >
                <td className="num px-2 py-0.5 text-right text-zinc-500">{r.without?.rank ?? "–"}</td>
                <th scope="row" className="px-2 py-0.5 text-left font-normal">
                  {name(r)}
                </th>
                <td className="num px-2 py-0.5">{formatHorizon(r.horizon)}</td>
                <td className="num px-2 py-0.5 text-right text-zinc-500">{formatScore(r.published.appendixE, D)}</td>
                <ScoreCell value={r.without?.score} published={r.published.appendixE} testId="score-without" />
                <td className="num px-2 py-0.5 text-right text-zinc-500">{formatScore(r.published.appendixF, D)}</td>
                <ScoreCell value={r.with?.score} published={r.published.appendixF} testId="score-with" />
                <td className={`num px-2 py-0.5 text-right ${r.delta !== null && r.delta < 0 ? "text-red-700 dark:text-red-400" : ""}`} data-field="delta">
                  {formatDelta(r.delta, D)}
                </td>
                <td className="num px-2 py-0.5 text-right">{r.with?.rank ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </FramedTable>
      </TitledSection>

      <TitledSection
        id="t5"
        title={
          <>
            Table 5 <span className="text-sm font-normal text-zinc-500">· best validation metric of the selected configurations</span>
          </>
        }
        className="space-y-2"
      >
        <MetricsTable
          id="table5"
          caption="Table 5: best validation metric of the 12 selected configurations, in the paper's units (ImageNet as error rate)"
          columns={v.table5.columns}
          rows={v.table5.rows.map((r) => ({
            slug: r.slug,
            displayName: r.displayName,
            cells: Object.fromEntries(Object.entries(r.values).map(([k, value]) => [k, { value }])),
          }))}
        />
      </TitledSection>
      <TitledSection
        id="t4"
        title={
          <>
            Table 4 <span className="text-sm font-normal text-zinc-500">· naive (default) settings: best validation metric</span>
          </>
        }
        className="space-y-2"
      >
        <MetricsTable
          id="table4"
          caption="Table 4: best validation metric of naive methods, in the paper's units (ImageNet as error rate)"
          columns={v.table4.columns}
          rows={v.table4.rows.map((r) => ({
            slug: r.slug,
            displayName: r.displayName,
            cells: Object.fromEntries(
              Object.entries(r.values).map(([k, c]) => [k, { value: c.value, note: `target reached by the printed value: ${c.reached}` }]),
            ),
          }))}
        />
        <p className="text-xs text-zinc-500">
          Bold green: meets the target. ImageNet columns are error rates (1 − accuracy), as printed in the paper; the workloads are scored on accuracy.
        </p>
      </TitledSection>
    </div>
  );
}
