// /rounds/<round>/submissions/<slug>: one submission: configuration,
// provenance, where it stands in the round's default pool, its results on
// every workload across studies and trials, and its eval curves when uploaded.
import { TRIAL_FIGURE_COLUMNS, TrialDetails, TrialFigureCells } from "@/components/workloads/trial-details";
import { CiteThisView } from "@/components/cite/cite-this-view";
import { citationOf } from "@/lib/server/pages/citation";
import type { Metadata } from "next";
import Link from "next/link";
import { BadgeEmbed } from "@/components/badges/badge-embed";
import { EvalCurves, type EvalCurve } from "@/components/charts/eval-curves";
import { CompletenessBadge, completenessText } from "@/components/leaderboard/completeness-badge";
import { WorkloadCell } from "@/components/leaderboard/workload-cell";
import { Notice } from "@/components/ui/notice";
import { db } from "@/lib/db/client";
import { firstHitIndex } from "@/lib/scoring";
import { pageResult } from "@/lib/server/page-result";
import { submissionBadge } from "@/lib/server/services/badges";
import { getSubmission, type SubmissionView } from "@/lib/server/services/submissions";
import { formatFraction, formatHorizon, formatMetric, formatScore, formatSeconds, formatSteps, scoreDigits, sourceLabel } from "@/lib/views/format";
import { crossingIndices, lttbIndices } from "@/lib/views/downsample";
import { flattenRecord } from "@/lib/views/records";
import { routes } from "@/lib/views/routes";
import { CaptionedTable, FramedTable, HEAD_TONE, TableHead } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { RoundCrumb } from "@/components/rounds/round-header";
import { FactList, type Fact } from "@/components/ui/fact-list";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ round: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Submission ${slug}` };
}

/**
 * Runs per workload on one page (`?page=`; 25 = an AlgoPerf grid of 5 studies
 * x 5 trials), in the runs tables and the eval charts alike, and the points
 * drawn on the whole page, shared by its curves (20 to 400 per curve: a chart
 * is 520 px wide). Together they keep the page under 1 MB whatever was
 * uploaded (docs/availability.md).
 */
const RUNS_PER_PAGE = 25;
const PAGE_POINTS = 12_000;

/** A curve of at most `points` (+2) points by LTTB, with the first hit and the eval before it kept exactly. */
function downsampledCurve(x: number[], y: number[], hitIndex: number | null, points: number): Pick<EvalCurve, "x" | "y" | "hitIndex"> {
  const idx = lttbIndices(x, y, points, crossingIndices(hitIndex));
  return { x: idx.map((i) => x[i]!), y: idx.map((i) => y[i]!), hitIndex: hitIndex === null ? null : idx.indexOf(hitIndex) };
}

const dateText = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Labels of the published figures stored in Submission.extra by the seed (see ingest/published). */
const EXTRA_LABELS: Record<string, string> = {
  appendixE: "Paper, Appendix E (36-configuration pool)",
  table6: "Paper, Table 6 (selected configuration)",
  appendixC: "Paper, Appendix C (baseline selection)",
  appendixF: "Paper, Appendix F (with Schedule-Free AdamW)",
  table4: "Paper, Table 4 (naive settings)",
  alignment: "Column alignment of the extracted row (PAPER_NOTES.md)",
  alignmentAlternatives: "Alternative alignments",
  appendixDClass: "Appendix D class",
  officialCodeScore: "Score by the official scoring code (full precision)",
};

function Provenance({ s }: { s: SubmissionView["submission"] }) {
  if (s.source === "uploaded") {
    return (
      <>
        Uploaded
        {s.uploadedBy ? (
          <>
            {" "}
            with the token <strong>{s.uploadedBy}</strong>
          </>
        ) : null}{" "}
        on {dateText(s.createdAt)}
        {s.updatedAt !== s.createdAt ? `, last changed ${dateText(s.updatedAt)}` : ""}.
      </>
    );
  }
  return (
    <>
      {s.source === "imported" ? "Imported into this round from " : "Published in "}
      {s.importedFrom ?? "an unnamed source"}.
    </>
  );
}

/** What the result cost (issue 17): the tuning budget, hyperparameter sensitivity and cost-to-target views of the round. */
function CostLinks({ round, slug }: { round: string; slug: string }) {
  const link = "text-sky-700 hover:underline dark:text-sky-400";
  const base = `/analysis/${encodeURIComponent(round)}`;
  return (
    <span data-cost-links>
      what it cost:{" "}
      <Link className={link} prefetch={false} href={`${base}/tuning`} data-analysis-link="tuning">
        tuning budget
      </Link>
      ,{" "}
      <Link className={link} prefetch={false} href={`${base}/hyperparameters?submission=${encodeURIComponent(slug)}`} data-analysis-link="hyperparameters">
        hyperparameter sensitivity
      </Link>
      ,{" "}
      <Link className={link} prefetch={false} href={`${base}/cost`} data-analysis-link="cost">
        cost to target
      </Link>
    </span>
  );
}

function pageNumber(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Links to the other pages of runs (RUNS_PER_PAGE per workload). */
function RunPages({ round, slug, page, pages }: { round: string; slug: string; page: number; pages: number }) {
  const href = (p: number) => `${routes.submission(round, slug)}?page=${p}`;
  return (
    <nav aria-label="Pages of runs" className="flex items-center gap-3 text-xs" data-run-pages={pages}>
      <span>
        Runs {(page - 1) * RUNS_PER_PAGE + 1}–{page * RUNS_PER_PAGE} of each workload (page {page} of {pages}); the CSV has every run.
      </span>
      {page > 1 && (
        <Link prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400" href={href(page - 1)}>
          Previous
        </Link>
      )}
      {page < pages && (
        <Link prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400" href={href(page + 1)}>
          Next
        </Link>
      )}
    </nav>
  );
}

export default async function SubmissionPage({ params, searchParams }: Props) {
  const { round, slug } = await params;
  const page = pageNumber((await searchParams).page);
  const onPage = <T,>(items: T[]) => items.slice((page - 1) * RUNS_PER_PAGE, page * RUNS_PER_PAGE);
  const result = await pageResult(() => getSubmission(db(), round, slug));
  if (!result.ok) return <Notice tone="error" title={result.error.message} />;
  const v = result.value;
  const s = v.submission;
  const badge = await pageResult(() => submissionBadge(db(), { round, slug }));
  const basis = v.round.timeBasis;
  const digits = scoreDigits(basis);
  const facts: Fact[] = [
    ["Base algorithm", s.baseAlgorithm ?? "–"],
    ["Family", s.family ?? "–"],
    ["Base optimizer", s.baseOptimizer ?? "–"],
    ["Training horizon", formatHorizon(s.horizon)],
    ["Search rank", s.searchRank ?? "–"],
    ["Framework", s.framework ?? "–"],
    ["Authors", s.authors ?? "–"],
    ["Affiliation", s.affiliation ?? "–"],
    ["Source", sourceLabel(s.source)],
    [
      "Verified",
      s.verified ? (
        "yes"
      ) : (
        <span key="v" data-field="unverified">
          no: uploaded, not yet verified by an admin (outside the default pool)
        </span>
      ),
    ],
    ["In the default pool", s.inDefaultPool ? "yes" : "no (joins a pool when added)"],
  ];
  const hyper = flattenRecord(s.hyperparameters);
  const extra = flattenRecord(s.extra);
  const hasSeconds = v.workloads.some((w) => w.result?.timeSeconds !== null && w.result?.timeSeconds !== undefined);
  const evalWorkloads = v.workloads.filter((w) => onPage(v.evals.filter((e) => e.workload === w.workload.key)).length > 0);
  const curvesOnPage = evalWorkloads.reduce((n, w) => n + onPage(v.evals.filter((e) => e.workload === w.workload.key)).length, 0);
  const points = Math.max(20, Math.min(400, Math.floor(PAGE_POINTS / Math.max(1, curvesOnPage))));
  const pages = Math.max(
    1,
    ...v.workloads.map((w) => Math.ceil(w.runs.length / RUNS_PER_PAGE)),
    ...v.workloads.map((w) => Math.ceil(v.evals.filter((e) => e.workload === w.workload.key).length / RUNS_PER_PAGE)),
  );

  return (
    <div className="space-y-6">
      <div>
        <RoundCrumb round={{ slug: round, name: v.round.name }} page="submission" />
        <h1 className="text-2xl font-semibold tracking-tight">
          {s.displayName}
          {v.completeness && <CompletenessBadge completeness={v.completeness} />}
        </h1>
        {v.completeness && !v.completeness.complete && (
          <p className="mt-1 text-sm text-amber-900 dark:text-amber-200" data-completeness-note>
            Ranked with {completenessText(v.completeness)}: the round expects every workload × {v.round.studiesExpected} studies × {v.round.trialsExpected}{" "}
            trials. Incomplete workloads: {v.completeness.missing.slice(0, 4).join("; ")}
            {v.completeness.missing.length > 4 ? `; and ${v.completeness.missing.length - 4} more workloads` : ""}.
          </p>
        )}
        <p className="mt-1 text-xs text-zinc-500">
          <code>{s.slug}</code> · <Provenance s={s} /> ·{" "}
          <Link
            className="text-sky-700 hover:underline dark:text-sky-400"
            prefetch={false}
            href={`/compare?${new URLSearchParams({ round, a: s.slug }).toString()}`}
            data-compare-link
          >
            compare with another submission
          </Link>{" "}
          · <CostLinks round={round} slug={s.slug} />
        </p>
        {s.notes && <p className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{s.notes}</p>}
        <CiteThisView citation={() => citationOf(round)} />
      </div>

      <TitledSection id="standing" title="Standing" heading="small" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        {v.context === null ? (
          <p className="text-sm text-zinc-600">No scores.</p>
        ) : "error" in v.context ? (
          <p className="text-sm text-zinc-600">This submission cannot be scored in the round&apos;s default pool: {v.context.error}</p>
        ) : (
          <p className="mt-1 text-sm" data-standing>
            Rank <strong className="num">{v.context.rank}</strong> of {v.context.poolSize} with score{" "}
            <strong className="num">{formatScore(v.context.score, digits)}</strong> ({v.context.targetsHit}/
            {v.workloads.filter((w) => w.workload.role === "base").length} targets) in the round&apos;s default pool
            {v.context.added ? " with this submission added" : ""}. <span className="text-xs text-zinc-500">Scoring mode: {v.context.settings.mode}.</span>{" "}
            <Link
              className="text-sky-700 hover:underline dark:text-sky-400"
              prefetch={false}
              href={routes.round(round, { horizon: [], family: [], base: [], source: [], add: v.context.added ? [s.slug] : [], remove: [], hide: [] })}
            >
              Open that leaderboard
            </Link>
            {s.publishedScore !== null && <span className="ml-2 text-xs text-zinc-500">Published score: {formatScore(s.publishedScore, digits)}.</span>}
          </p>
        )}
        {badge.ok && (
          <div className="mt-3 border-t border-zinc-100 pt-2 text-sm dark:border-zinc-800" data-badge-section>
            <h3 className="text-xs font-semibold text-zinc-600 dark:text-zinc-400">
              Badge to embed (links to this round pinned at version {badge.value.version})
            </h3>
            <BadgeEmbed badge={badge.value} />
          </div>
        )}
      </TitledSection>

      <div className="grid gap-5 lg:grid-cols-2">
        <TitledSection id="config" title="Configuration" heading="small" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <FactList facts={facts} />
        </TitledSection>
        <TitledSection id="hyper" title="Hyperparameters" heading="small" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          {hyper.length === 0 ? (
            <p className="mt-1 text-sm text-zinc-500">None recorded{s.source !== "uploaded" ? " in the published source" : ""}.</p>
          ) : (
            <CaptionedTable id="hyperparameters" label="Hyperparameters" regionClassName="mt-2">
              <tbody>
                {hyper.map(([k, val]) => (
                  <tr key={k} className="border-t border-zinc-100 dark:border-zinc-800">
                    <th scope="row" className="py-0.5 pr-4 text-left font-normal text-zinc-600 dark:text-zinc-400">
                      <code>{k}</code>
                    </th>
                    <td className="num py-0.5 break-all">{val}</td>
                  </tr>
                ))}
              </tbody>
            </CaptionedTable>
          )}
        </TitledSection>
      </div>

      {extra.length > 0 && (
        <TitledSection id="published" title="Published figures" heading="small" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <CaptionedTable id="extra" label="Extra fields" className="text-sm" regionClassName="mt-2">
            <tbody>
              {extra.map(([k, val]) => (
                <tr key={k} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="py-0.5 pr-4 text-left font-normal text-zinc-600 dark:text-zinc-400">
                    {EXTRA_LABELS[k.split(".")[0]!] ? `${EXTRA_LABELS[k.split(".")[0]!]}${k.includes(".") ? ` · ${k.split(".").slice(1).join(".")}` : ""}` : k}
                  </th>
                  <td className="num py-0.5">{val}</td>
                </tr>
              ))}
            </tbody>
          </CaptionedTable>
        </TitledSection>
      )}

      <TitledSection
        id="results"
        title="Results per workload"
        className="space-y-2"
        aside={
          <p className="ml-auto flex gap-3 text-xs">
            <a className="text-sky-700 hover:underline dark:text-sky-400" href={routes.api.submission(round, slug, "csv")} download>
              CSV (every run)
            </a>
            <a className="text-sky-700 hover:underline dark:text-sky-400" href={routes.api.submission(round, slug)}>
              JSON
            </a>
          </p>
        }
      >
        <FramedTable
          id="submission-results"
          caption={<>Time to target of {s.displayName} on every workload, with the cell it has in the default pool and the best trial of each study.</>}
        >
          <TableHead
            cellClassName="px-2 py-2 text-right"
            className={HEAD_TONE.shaded}
            columns={[
              { label: "Workload", className: "px-2 py-2" },
              "In the default pool",
              hasSeconds && "Time (s)",
              "Fraction of budget",
              "Best metric",
              { label: "Studies (best trial of each)", className: "px-2 py-2" },
            ]}
          />
          <tbody>
            {v.workloads.map((w) => {
              const best = w.runs.reduce<number | null>(
                (m, r) =>
                  r.bestMetric === null
                    ? m
                    : m === null
                      ? r.bestMetric
                      : w.workload.direction === "min"
                        ? Math.min(m, r.bestMetric)
                        : Math.max(m, r.bestMetric),
                null,
              );
              return (
                <tr key={w.workload.key} data-workload-row={w.workload.key} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    <Link href={routes.workload(round, w.workload.key)} prefetch={false} className="hover:underline">
                      {w.workload.displayName}
                    </Link>
                    {w.workload.role !== "base" && (
                      <span className="ml-1 text-xs text-zinc-500">({w.workload.role === "held_out" ? "held-out variant" : "variant"})</span>
                    )}
                  </th>
                  {w.cell ? (
                    <WorkloadCell cell={w.cell} workload={w.workload} basis={basis} best={undefined} />
                  ) : (
                    <td className="px-2 py-1 text-right text-zinc-500">–</td>
                  )}
                  {hasSeconds && <td className="num px-2 py-1 text-right">{w.result ? formatSeconds(w.result.timeSeconds) : "–"}</td>}
                  <td className="num px-2 py-1 text-right">{w.result ? formatFraction(w.result.timeFraction) : "–"}</td>
                  <td className="num px-2 py-1 text-right">
                    {formatMetric(best)}
                    <span className="ml-1 text-xs text-zinc-500">
                      ({w.workload.direction === "min" ? "≤" : "≥"} {formatMetric(w.workload.target)})
                    </span>
                  </td>
                  <td className="px-2 py-1 text-xs">
                    {w.result === null ? (
                      "no results"
                    ) : (
                      <TrialDetails
                        id="runs"
                        summary={
                          <>
                            {w.result.studiesHit}/{w.result.studies} studies reached · {w.runs.length} run{w.runs.length === 1 ? "" : "s"}
                          </>
                        }
                        summaryClassName="cursor-pointer"
                        tableClassName="mt-1"
                        columns={[
                          { label: "Study" },
                          { label: "Trial" },
                          { label: "Reached" },
                          ...TRIAL_FIGURE_COLUMNS,
                          { label: "Hardware" },
                          { label: "Seed", align: "right" },
                          { label: "Commit" },
                          { label: "Hyperparameters" },
                        ]}
                        after={<p className="mt-1 text-zinc-500">Bold: the best trial of each study (smallest first-hit eval index, docs/scoring.md §2.2).</p>}
                      >
                        <tbody>
                          {onPage(w.runs).map((r) => {
                            const isBest = w.perStudy.some((p) => p.study === r.study && p.trial === r.trial);
                            return (
                              <tr key={r.id} className={isBest ? "font-semibold" : ""}>
                                <td className="num pr-2">{r.study}</td>
                                <td className="num pr-2">
                                  {r.trial}
                                  {isBest && <span className="sr-only"> (best trial of the study)</span>}
                                </td>
                                <td className="pr-2">
                                  {r.reached ? "yes" : "no"}
                                  {r.overBudget ? " (over budget)" : ""}
                                </td>
                                <TrialFigureCells
                                  hitIndex={r.firstHitIndex}
                                  seconds={r.timeSeconds}
                                  fraction={r.timeFraction}
                                  steps={r.steps}
                                  bestMetric={r.bestMetric}
                                />
                                <td className="pr-2">{r.hardware ?? "–"}</td>
                                <td className="num pr-2 text-right">{typeof r.provenance?.seed === "number" ? r.provenance.seed : "–"}</td>
                                <td className="num pr-2">{r.codeCommit ? r.codeCommit.slice(0, 8) : "–"}</td>
                                <td className="text-xs break-all">{r.hyperparameters ? JSON.stringify(r.hyperparameters) : "–"}</td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </TrialDetails>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </FramedTable>
        {pages > 1 && <RunPages round={round} slug={slug} page={page} pages={pages} />}
      </TitledSection>

      <TitledSection
        id="curves"
        title="Eval curves"
        className="space-y-2"
        aside={
          evalWorkloads.length > 0 && (
            <a className="ml-auto text-xs text-sky-700 hover:underline dark:text-sky-400" href={routes.api.submissionEvals(round, slug)} download>
              CSV (every eval)
            </a>
          )
        }
      >
        {evalWorkloads.length === 0 ? (
          <p className="text-sm text-zinc-500" data-no-evals>
            No eval series were uploaded for this submission: its times come from{" "}
            {s.source === "uploaded" ? "uploads without eval logs" : "the published tables"}.
          </p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {evalWorkloads.map((w) => {
              const series = onPage(v.evals.filter((e) => e.workload === w.workload.key));
              const useTime = series.every((e) => e.times.length === e.metrics.length && e.times.length > 0);
              const runs = series.map((e) => {
                const computed = firstHitIndex(e.metrics, w.workload.target, w.workload.direction);
                const hitIndex = e.firstHitIndex ?? (computed >= 0 ? computed : null);
                const x = useTime ? e.times : e.steps;
                const best = e.metrics
                  .filter(Number.isFinite)
                  .reduce<number | null>((m, y) => (m === null ? y : w.workload.direction === "min" ? Math.min(m, y) : Math.max(m, y)), null);
                return {
                  key: `${e.study}-${e.trial}`,
                  label: `study ${e.study}, trial ${e.trial}`,
                  evals: e.metrics.length,
                  hitIndex,
                  hitX: hitIndex === null ? null : x[hitIndex],
                  best,
                  curve: downsampledCurve(x, e.metrics, hitIndex, points),
                };
              });
              const curves: EvalCurve[] = runs.map((r) => ({ key: r.key, label: r.label, ...r.curve, hitEval: r.hitIndex }));
              const budget = useTime ? (w.workload.budgetSeconds === null ? null : w.workload.budgetSeconds * v.round.budgetFactor) : w.workload.budgetSteps;
              return (
                <figure key={w.workload.key} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-eval-workload={w.workload.key}>
                  <figcaption className="mb-1 text-sm font-medium">{w.workload.displayName}</figcaption>
                  <EvalCurves
                    id={`evals-${w.workload.key}`}
                    title={`${w.workload.metricLabel ?? w.workload.metricName} of ${s.displayName} on ${w.workload.displayName}, ${curves.length} runs, with the target line`}
                    curves={curves}
                    target={w.workload.target}
                    direction={w.workload.direction}
                    metricLabel={w.workload.metricLabel ?? w.workload.metricName}
                    xLabel={useTime ? "accumulated submission time (s)" : "step"}
                    budget={budget}
                  />
                  <table className="mt-2 w-full text-xs" data-table="eval-summary">
                    <caption className="sr-only">Eval series behind the chart</caption>
                    <TableHead
                      cellClassName="pr-2 text-right font-normal"
                      className="text-left text-zinc-500"
                      columns={[
                        { label: "Run", className: "pr-2 font-normal" },
                        "Evals",
                        "First hit (eval #)",
                        { label: <>At {useTime ? "time (s)" : "step"}</>, className: "pr-2 text-right font-normal" },
                        { label: <>Best {w.workload.metricLabel ?? "metric"}</>, className: "text-right font-normal" },
                      ]}
                    />
                    <tbody>
                      {runs.map((r) => (
                        <tr key={r.key}>
                          <td className="pr-2">{r.label}</td>
                          <td className="num pr-2 text-right">{r.evals}</td>
                          <td className="num pr-2 text-right">{r.hitIndex ?? "not reached"}</td>
                          <td className="num pr-2 text-right">{r.hitX === null ? "–" : useTime ? formatSeconds(r.hitX) : formatSteps(r.hitX)}</td>
                          <td className="num text-right">{formatMetric(r.best)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </figure>
              );
            })}
          </div>
        )}
      </TitledSection>

      {v.uploads.length > 0 && (
        <TitledSection id="uploads" title="Uploads" heading="small">
          <ul className="mt-1 text-sm">
            {v.uploads.map((u) => (
              <li key={u.id}>
                {dateText(u.createdAt)} · token {u.tokenName ?? "(deleted)"} · {u.runsTotal} runs ({u.created} new, {u.replaced} replaced, {u.unchanged}{" "}
                unchanged)
              </li>
            ))}
          </ul>
        </TitledSection>
      )}
    </div>
  );
}
