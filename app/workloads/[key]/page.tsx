// /workloads/<key>?round=<round>&<view parameters>: one workload, every pool
// member's result on it, the best trial of each study, and a chart of the times.
import { TRIAL_FIGURE_COLUMNS, TrialDetails, TrialFigureCells } from "@/components/workloads/trial-details";
import { CiteThisView } from "@/components/cite/cite-this-view";
import { citationOf } from "@/lib/server/pages/citation";
import type { Metadata } from "next";
import Link from "next/link";
import { TimesChart } from "@/components/charts/times-chart";
import { RoundControls } from "@/components/leaderboard/round-controls";
import { ScoringNote } from "@/components/leaderboard/scoring-note";
import { RoundCrumb, RoundPicker, RoundTabs } from "@/components/rounds/round-header";
import { Notice } from "@/components/ui/notice";
import { WorkloadCard } from "@/components/workloads/workload-card";
import { db } from "@/lib/db/client";
import { pageResult } from "@/lib/server/page-result";
import { defaultRoundSlug, pickerRounds } from "@/lib/server/services/catalog";
import { getWorkloadTable, type WorkloadRow } from "@/lib/server/services/workloads";
import { formatFraction, formatMetric, formatRatio, formatScore, formatSeconds, formatSteps, formatTime, scoreDigits, STATUS_TEXT } from "@/lib/views/format";
import { parseViewQuery } from "@/lib/views/parse-query";
import { routes } from "@/lib/views/routes";
import { FramedTable, HEAD_TONE, TableHead } from "@/components/ui/table";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `Workload ${key}` };
}

function StatusCell({ row }: { row: WorkloadRow }) {
  if (row.status === null || row.status === "hit")
    return <span className="text-emerald-800 dark:text-emerald-300">{row.status === "hit" ? "counted" : "reached"}</span>;
  const s = STATUS_TEXT[row.status];
  return (
    <span title={s.description} className="whitespace-nowrap">
      <span aria-hidden="true" className="miss-icon text-xs">
        {s.icon}
      </span>
      {row.status === "variant_failed" ? `variant ${row.variantName ?? row.variant} failed` : s.label}
    </span>
  );
}

export default async function WorkloadPage({ params, searchParams }: Props) {
  const { key } = await params;
  const sp = await searchParams;
  const database = db();
  const round = typeof sp.round === "string" && sp.round ? sp.round : await defaultRoundSlug(database);
  const { query, issues } = parseViewQuery(sp);
  const [rounds, result] = await Promise.all([pickerRounds(database, round), pageResult(() => getWorkloadTable(database, round, key, query))]);
  const path = `/workloads/${encodeURIComponent(key)}`;
  if (!result.ok) {
    return (
      <div className="space-y-6">
        <RoundPicker rounds={rounds} current={round} hrefFor={(slug) => routes.workloads(slug)} />
        <h1 className="text-2xl font-semibold tracking-tight">
          Workload · <code className="text-lg">{key}</code>
        </h1>
        <Notice
          tone="error"
          title="This view cannot be shown"
          issues={result.error.issues.length ? result.error.issues : [{ path: "query", message: result.error.message }]}
        >
          <a className="text-sky-700 underline dark:text-sky-400" href={routes.workload(round, key)}>
            Open the default view of this workload
          </a>
        </Notice>
      </div>
    );
  }
  const t = result.value;
  const w = t.workload;
  const basis = t.round.timeBasis;
  const digits = scoreDigits(basis);
  const fixed = { round };
  const budget = basis === "seconds" ? (w.budgetSeconds === null ? null : w.budgetSeconds * t.round.budgetFactor) : 1;
  const bases = t.siblings.filter((s) => s.role === "base");
  const hasSeconds = t.rows.some((r) => r.timeSeconds !== null);

  return (
    <div className="space-y-5">
      <RoundPicker rounds={rounds} current={round} hrefFor={(slug) => routes.workloads(slug)} />
      <div>
        <RoundCrumb round={{ slug: round, name: t.round.name }} page="workload" href={routes.workloads(round, query)} />
        <h1 className="text-2xl font-semibold tracking-tight">{w.displayName}</h1>
        <CiteThisView citation={() => citationOf(round)} />
      </div>
      <RoundTabs round={round} current="workloads" query={query} />
      <nav aria-label="Workloads of this round" className="flex flex-wrap gap-1.5 text-xs">
        {bases.map((b) => (
          <Link
            key={b.key}
            href={routes.workload(round, b.key, query)}
            prefetch={false}
            aria-current={b.key === key || b.key === t.base?.key ? "page" : undefined}
            className={`rounded border px-2 py-1 ${b.key === key || b.key === t.base?.key ? "border-sky-700 bg-sky-50 dark:border-sky-500 dark:bg-sky-950" : "border-zinc-200 hover:border-zinc-400 dark:border-zinc-800"}`}
          >
            {b.displayName}
          </Link>
        ))}
      </nav>
      {issues.length > 0 && <Notice title="Some URL parameters were ignored" issues={issues} />}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="space-y-3">
          <WorkloadCard
            workload={w}
            round={t.round}
            headingLevel="h2"
            variants={t.siblings.filter((v) => v.role !== "base" && v.baseKey === w.key)}
            variantHref={(k) => routes.workload(round, k, query)}
          />
          {t.base && (
            <p className="text-sm">
              Variant of{" "}
              <Link className="text-sky-700 hover:underline dark:text-sky-400" href={routes.workload(round, t.base.key, query)} prefetch={false}>
                {t.base.displayName}
              </Link>
              {w.role === "held_out" ? ": a failed, missing or over-4× result here disqualifies the base workload (docs/scoring.md §3.5)." : "."}
            </p>
          )}
        </div>
        <figure className="min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <figcaption className="mb-1 text-sm font-medium">Time to target in this pool</figcaption>
          <TimesChart
            id="times-chart"
            bars={t.rows.map((r) => ({
              key: r.key,
              name: r.displayName,
              time: r.time,
              status: r.status,
              label: `${formatTime(r.time, basis)}${basis === "seconds" ? " s" : " of the budget"}${r.ratio !== null && Number.isFinite(r.ratio) ? `, ×${formatRatio(r.ratio)}` : ""}`,
            }))}
            best={t.best}
            budget={budget}
            unit={basis === "seconds" ? "s" : "fraction"}
            title={`Time to target on ${w.displayName}, one bar per submission that reached it; the table below has every value.`}
          />
        </figure>
      </div>
      <RoundControls
        path={path}
        fixed={fixed}
        query={query}
        lb={t.leaderboard}
        defaults={{ tauMax: t.round.defaults.tauMax, integration: t.round.defaults.integration }}
      />
      <ScoringNote
        settings={t.leaderboard.settings}
        poolSize={t.rows.length}
        downloads={[
          { label: "CSV", href: routes.api.workload(round, key, query, "csv") },
          { label: "JSON", href: routes.api.workload(round, key, query) },
        ]}
      />
      <FramedTable
        id="workload"
        caption={
          <>
            Results on {w.displayName}, fastest first: time to target, steps, ratio to the pool&apos;s best, best metric against the target, status and studies.
          </>
        }
      >
        <TableHead
          cellClassName="px-2 py-2 text-right"
          className={HEAD_TONE.shaded}
          columns={[
            "#",
            { label: "Submission", className: "px-2 py-2" },
            { label: "Status", className: "px-2 py-2" },
            hasSeconds && "Time (s)",
            "Fraction of budget",
            "Steps",
            {
              label: "Ratio",
              className: "px-2 py-2 text-right",
              title: "Ratio to the pool's best time after the held-out and 4× rules (what ρ compares with τ)",
            },
            {
              label: (
                <>
                  Best {w.metricLabel ?? "metric"}{" "}
                  <span className="font-normal">
                    (target {w.direction === "min" ? "≤" : "≥"} {formatMetric(w.target)})
                  </span>
                </>
              ),
              className: "px-2 py-2 text-right",
            },
            t.heldOut && {
              label: <>Held-out {t.heldOut.key.replace(`${w.key}_`, "")}</>,
              className: "px-2 py-2 text-right",
              title: `Held-out variant ${t.heldOut.displayName}`,
            },
            { label: "Studies", className: "px-2 py-2" },
            { label: "Pool rank · score", className: "px-2 py-2 text-right", title: "Rank and score in the whole pool" },
          ]}
        />
        <tbody>
          {t.rows.map((r) => (
            <tr key={r.key} data-submission={r.slug} data-status={r.status ?? "reached"} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <td className="num px-2 py-1 text-right text-zinc-500">{r.position}</td>
              <td className="px-2 py-1">
                <Link href={routes.submission(round, r.slug)} prefetch={false} className="font-medium hover:underline">
                  {r.displayName}
                </Link>
              </td>
              <td className="px-2 py-1 text-xs">
                <StatusCell row={r} />
              </td>
              {hasSeconds && (
                <td className="num px-2 py-1 text-right" data-field="seconds">
                  {formatSeconds(r.timeSeconds)}
                </td>
              )}
              <td className="num px-2 py-1 text-right" data-field="fraction">
                {formatFraction(r.timeFraction)}
              </td>
              <td className="num px-2 py-1 text-right" data-field="steps">
                {formatSteps(r.steps)}
              </td>
              <td className="num px-2 py-1 text-right" data-field="ratio">
                {r.ratio === null ? "–" : formatRatio(r.ratio)}
              </td>
              <td className="num px-2 py-1 text-right" data-field="best-metric">
                {formatMetric(r.bestMetric)}
                {r.targetMet !== null && (
                  <span className={`ml-1 text-xs ${r.targetMet ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-500"}`}>
                    {r.targetMet ? "meets" : "misses"}
                  </span>
                )}
              </td>
              {t.heldOut && (
                <td className="num px-2 py-1 text-right" data-field="held-out">
                  {Number.isNaN(r.heldOutTime) ? "no data" : r.heldOutTime === Infinity ? "not reached" : formatTime(r.heldOutTime, basis)}
                </td>
              )}
              <td className="px-2 py-1">
                {r.perStudy.length === 0 ? (
                  "–"
                ) : (
                  <TrialDetails
                    id="studies"
                    summary={
                      <>
                        {r.studiesHit}/{r.studies} reached
                      </>
                    }
                    summaryClassName="num cursor-pointer text-xs whitespace-nowrap"
                    tableClassName="mt-1 text-xs"
                    columns={[{ label: "Study" }, { label: "Best trial" }, ...TRIAL_FIGURE_COLUMNS, { label: "Trials hit", align: "right" }]}
                  >
                    <tbody>
                      {r.perStudy.map((s) => (
                        <tr key={s.study}>
                          <td className="num pr-2">{s.study}</td>
                          <td className="pr-2">{s.trial === null ? "none reached" : `trial ${s.trial}`}</td>
                          <TrialFigureCells hitIndex={s.hitIndex} seconds={s.seconds} fraction={s.fraction} steps={s.steps} bestMetric={s.bestMetric} />
                          <td className="num text-right">
                            {s.trialsHit}/{s.trials}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </TrialDetails>
                )}
              </td>
              <td className="num px-2 py-1 text-right text-xs">
                {r.rank} · {formatScore(r.score, digits)}
              </td>
            </tr>
          ))}
        </tbody>
      </FramedTable>
    </div>
  );
}
