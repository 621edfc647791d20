// The performance profiles of a view: every pool member's exact step profile
// rho(tau) (docs/scoring.md §4.5), drawn on the server, with the legend table,
// hover highlight, toggles and downloads layered on by ProfileExplorer.
import { CiteThisView } from "@/components/cite/cite-this-view";
import { ProfileExplorer, type ExplorerSeries } from "@/components/charts/profile-explorer";
import { PROFILE_SIZE, ProfilePlot, type ProfileGeometry, type ProfileSeries } from "@/components/charts/profile-plot";
import { RoundControls } from "@/components/leaderboard/round-controls";
import { ScoringNote } from "@/components/leaderboard/scoring-note";
import { RoundPicker, RoundTabs, RoundTitle } from "@/components/rounds/round-header";
import { Notice, ViewErrorNotice } from "@/components/ui/notice";
import type { PageResult } from "@/lib/server/page-result";
import type { PickerRounds } from "@/lib/server/services/catalog";
import type { Leaderboard } from "@/lib/server/services/leaderboard";
import type { ViewVersion } from "@/lib/server/services/view-version";
import { formatRho, formatScore, scoreDigits } from "@/lib/views/format";
import { familyStyles } from "@/lib/views/palette";
import type { Issue } from "@/lib/issue";
import { profileSteps, rhoOnSteps } from "@/lib/views/profile-steps";
import { EMPTY_QUERY, viewHref, type ViewQuery } from "@/lib/views/query";
import { routes } from "@/lib/views/routes";
import { TableHead } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";

/** tau values of the data table behind the plot: round numbers inside [tauMin, tauMax], and both ends. */
function tableTaus(tauMin: number, tauMax: number): number[] {
  const picks = [1, 1.1, 1.25, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10, 20, 50, 100].filter((t) => t > tauMin && t < tauMax);
  return [tauMin, ...picks, tauMax];
}

/** What the page read (app/rounds/[round]/profiles/page.tsx): components do not read the database. */
export interface ProfilesData {
  round: string;
  query: ViewQuery;
  /** URL parameters that were ignored. */
  issues: Issue[];
  rounds: PickerRounds;
  result: PageResult<Leaderboard>;
  citation: () => Promise<ViewVersion | null>;
}

export function ProfilesView({ round, query, issues, rounds, result, citation }: ProfilesData) {
  const path = routes.profiles(round);
  if (!result.ok) {
    return (
      <div className="space-y-6">
        <RoundPicker rounds={rounds} current={round} />
        <h1 className="text-2xl font-semibold tracking-tight">
          Performance profiles · <code className="text-lg">{round}</code>
        </h1>
        <ViewErrorNotice error={result.error} href={path}>
          Open the round&apos;s default profiles
        </ViewErrorNotice>
      </div>
    );
  }
  const lb = result.value;
  const n = lb.workloads.length;
  const digits = scoreDigits(lb.round.timeBasis);
  const axis = query.axis ?? "linear";
  const settings = lb.settings;
  // Readable at 36+ curves (issue 15): colour by family, the top 5 drawn strong and named at the right edge, the y axis to the data.
  const styles = familyStyles(lb.rows.map((r) => ({ key: r.key, family: r.family })));
  const emphasised = (rank: number) => lb.rows.length <= 8 || rank <= 5;
  const geometry: ProfileGeometry | null = settings
    ? { ...PROFILE_SIZE, margin: { ...PROFILE_SIZE.margin, right: 190 }, tauMin: settings.tauMin, tauMax: settings.tauMax, axis }
    : null;
  const series: (ProfileSeries & { row: (typeof lb.rows)[number] })[] = geometry
    ? lb.rows.map((row) => ({
        key: row.key,
        name: row.displayName,
        steps: profileSteps(
          lb.workloads.map((w) => row.cells[w.key]!.ratio),
          n,
          geometry.tauMin,
          geometry.tauMax,
        ),
        style: styles.get(row.key)!,
        emphasis: emphasised(row.rank),
        score: formatScore(row.score, digits),
        row,
      }))
    : [];
  if (geometry) {
    // The y axis ends at the highest ρ any curve reaches, on the k/n grid (or tenths past 10 workloads).
    const reach = Math.max(0, ...series.flatMap((x) => x.steps.map((p) => p[1])));
    const grid = n > 0 && n <= 10 ? n : 10;
    const top = Math.min(1, Math.ceil(reach * grid - 1e-9) / grid);
    geometry.yMax = top > 0 ? top : 1;
  }
  const explorerSeries: ExplorerSeries[] = series.map((s) => ({
    key: s.key,
    name: s.name,
    href: routes.submission(round, s.row.slug),
    rank: s.row.rank,
    score: s.score,
    targetsHit: s.row.targetsHit,
    steps: s.steps,
    color: s.style.color,
    dash: s.style.dash,
  }));
  const plotId = "profile-plot";
  const taus = geometry ? tableTaus(geometry.tauMin, geometry.tauMax) : [];
  const axisLink = (a: "linear" | "log") => viewHref(path, { ...query, axis: a === "linear" ? undefined : a, hide: [] });

  return (
    <div className="space-y-5">
      <RoundPicker rounds={rounds} current={round} />
      <RoundTitle round={lb.round} />
      <CiteThisView citation={citation} />
      <RoundTabs round={round} current="profiles" query={query} pool={lb.pool} />
      {issues.length > 0 && <Notice title="Some URL parameters were ignored" issues={issues} />}
      <RoundControls path={path} query={query} lb={lb} defaults={{ tauMax: lb.round.defaults.tauMax, integration: lb.round.defaults.integration }} />
      <ScoringNote
        settings={settings}
        poolSize={lb.rows.length}
        downloads={[
          { label: "CSV (ρ on the τ grid)", href: routes.api.profiles(round, query, "csv") },
          { label: "JSON", href: routes.api.profiles(round, query) },
        ]}
      />
      {!geometry || series.length === 0 ? (
        <Notice tone="info" title="No submission matches this view">
          <a className="underline" href={viewHref(path, EMPTY_QUERY)}>
            Reset the pool and filters
          </a>
        </Notice>
      ) : (
        <TitledSection
          id="profiles-heading"
          title="Performance profiles"
          className="space-y-3"
          wrap
          aside={
            <p className="text-xs text-zinc-500">
              ρ(τ) = fraction of the {n} workloads on which a submission is within τ× of the pool&apos;s fastest. The curves are the exact step functions; the
              score integrates them as the scoring mode says.
            </p>
          }
        >
          <ProfileExplorer
            plotId={plotId}
            series={explorerSeries}
            n={n}
            geometry={geometry}
            initialHidden={query.hide}
            csvHref={routes.api.profiles(round, query, "csv")}
            fileName={`${round}-profiles`}
            axis={{ current: axis, linear: axisLink("linear"), log: axisLink("log") }}
          >
            <ProfilePlot
              id={plotId}
              // Lowest rank drawn last, i.e. on top.
              series={[...series].reverse()}
              n={n}
              geometry={geometry}
              title={`Performance profiles of ${series.length} submissions, ${lb.round.name}`}
              description={`Step plot of rho(tau) for tau from ${geometry.tauMin} to ${geometry.tauMax}${axis === "log" ? " on a log axis" : ""}. The table below the plot lists every curve with its score; the values at selected tau follow in a second table.`}
            />
          </ProfileExplorer>
          <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <summary className="cursor-pointer text-sm font-medium">Data table: ρ(τ) at selected τ</summary>
            <div className="relative mt-2 overflow-x-auto">
              <table className="w-full text-sm" data-table="profile-values">
                <caption className="sr-only">Profile values: for each submission, the number of workloads within τ× of the best, at selected τ.</caption>
                <TableHead
                  columns={[
                    { label: "Submission", className: "py-1 pr-3" },
                    ...taus.map((t) => ({ label: <>τ = {Number(t.toPrecision(4))}</>, className: "num pr-3 text-right" })),
                  ]}
                />
                <tbody>
                  {series.map((s) => (
                    <tr key={s.key} className="border-t border-zinc-100 dark:border-zinc-800">
                      <th scope="row" className="py-1 pr-3 text-left font-normal">
                        {s.name}
                      </th>
                      {taus.map((t) => (
                        <td key={t} className="num pr-3 text-right">
                          {formatRho(rhoOnSteps(s.steps, t), n)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </TitledSection>
      )}
    </div>
  );
}
