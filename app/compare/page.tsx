// /compare?round=<r>&a=<slug>&b=<slug> (+ the pool and scoring parameters of
// the scores API): A against B, head to head, in the current pool.
import { CiteThisView } from "@/components/cite/cite-this-view";
import { citationOf } from "@/lib/server/pages/citation";
import Link from "next/link";
import { Suspense } from "react";
import { toSearchParams } from "@/components/analysis/views";
import { CompareCurves } from "@/components/compare/compare-curves";
import { ComparePicker, type PickerGroup } from "@/components/compare/compare-picker";
import { CompareView } from "@/components/compare/compare-view";
import { MixedPoolNotice } from "@/components/pools/mixed-pool-notice";
import { Notice } from "@/components/ui/notice";
import { db } from "@/lib/db/client";
import { compareSubmissions } from "@/lib/server/services/analysis-compare";
import { parseCompareParams } from "@/lib/server/schemas/analysis-compare";
import { defaultRoundSlug, listRounds, roundCatalog } from "@/lib/server/services/catalog";
import { scoreRound } from "@/lib/server/services/scores";
import { parseScoreParams } from "@/lib/server/schemas/scores";
import { routes } from "@/lib/views/routes";
import { pageResult } from "@/lib/server/page-result";
import { getSubmission, type SubmissionView } from "@/lib/server/services/submissions";
import type { CompareSide } from "@/lib/server/services/analysis-compare";
import { RoundCrumb } from "@/components/rounds/round-header";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare two submissions" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = toSearchParams(await searchParams);
  const database = db();
  const round = params.get("round") || (await defaultRoundSlug(database));
  const loaded = await pageResult(async () => {
    const catalog = await roundCatalog(database, round);
    // Without a choice, A and B default to the top two of the pool.
    const needDefaults = !params.get("a") || !params.get("b");
    const ranking = needDefaults ? (await scoreRound(database, round, parseScoreParams(params))).ranking : [];
    const a = params.get("a") || ranking[0] || catalog.submissions[0]?.slug || "";
    const b = params.get("b") || ranking.find((k) => k !== a) || catalog.submissions.find((s) => s.slug !== a)?.slug || "";
    return { catalog, a, b };
  });
  const listed = await listRounds(database);
  // Bounded lists: the picker offers at most 50 rounds, and the submissions of at most 5 compatible ones.
  const rounds = listed.slice(0, 50).map((r) => ({ slug: r.slug, name: r.name }));
  if (!rounds.some((r) => r.slug === round)) {
    const current = listed.find((r) => r.slug === round);
    if (current) rounds.push({ slug: current.slug, name: current.name });
  }
  const others = compatibleRounds(listed, round, params.get("allowMixed") === "1" || params.get("allowMixed") === "true");
  if (!loaded.ok) return <Notice tone="error" title={loaded.error.message} />;
  const { catalog, a, b } = loaded.value;
  if (catalog.submissions.length < 2 && (!params.get("a") || !params.get("b"))) {
    return (
      <div className="space-y-5" data-view="compare">
        <h1 className="text-2xl font-semibold tracking-tight">Compare two submissions</h1>
        <ComparePicker round={round} rounds={rounds} options={catalog.submissions} a={a} b={b} params={params} />
        <Notice
          tone="info"
          title={`${catalog.round.name} has ${catalog.submissions.length === 0 ? "no submissions" : "one submission"}: nothing to compare yet.`}
        />
      </div>
    );
  }
  const query = new URLSearchParams(params);
  query.set("round", round);
  query.set("a", a);
  query.set("b", b);
  const result = await pageResult(() => {
    const { query: scoreQuery, options } = parseCompareParams(query);
    return compareSubmissions(database, { round, query: scoreQuery, ...options });
  });
  const api = new URLSearchParams([...query].filter(([k, v]) => k !== "round" && v !== ""));
  const apiHref = routes.api.round(round, "compare", api.toString());
  return (
    <div className="space-y-5" data-view="compare">
      <header>
        <RoundCrumb round={{ slug: round, name: catalog.round.name }} page="compare" />
        <h1 className="text-2xl font-semibold tracking-tight">
          {result.ok ? `${result.value.a.displayName} vs ${result.value.b.displayName}` : "Compare two submissions"}
        </h1>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Is A faster than B, on which workloads, and by how much? The pool (and so every score) stays the one you came from; comparing changes nothing in it.
        </p>
        <CiteThisView citation={() => citationOf(round)} />
      </header>
      <ComparePicker round={round} rounds={rounds} options={catalog.submissions.slice(0, 500)} others={others} a={a} b={b} params={params} />
      {!result.ok && <Notice tone="error" title={result.error.message} />}
      {result.ok && (
        <>
          <MixedPoolNotice mixed={result.value.mixed} />
          <CompareView report={result.value} workloads={catalog.workloads} />
          <section aria-labelledby="curves-title" className="space-y-2">
            <h2 id="curves-title" className="text-sm font-semibold">
              Eval curves
            </h2>
            <Suspense fallback={<p className="text-xs text-zinc-500">Loading eval curves…</p>}>
              <CompareCurves
                a={result.value.a}
                b={result.value.b}
                views={sideViews(result.value.a, result.value.b)}
                workloads={result.value.workloads.map((w) => w.workload)}
              />
            </Suspense>
          </section>
          <p className="text-xs text-zinc-500">
            This comparison as{" "}
            <a className="font-mono underline" href={apiHref} data-json-link>
              JSON
            </a>{" "}
            ·{" "}
            <a className="font-mono underline" href={`${apiHref}&format=csv`} download>
              CSV
            </a>{" "}
            ·{" "}
            <Link
              className="underline"
              prefetch={false}
              href={`/compare?${new URLSearchParams({ ...Object.fromEntries(query), a: b, b: a }).toString()}`}
              data-swap
            >
              swap A and B
            </Link>{" "}
            ·{" "}
            <Link
              className="underline"
              prefetch={false}
              href={`${routes.analysis(round, undefined, undefined, "speedups")}${query.get("pool") ? `?pool=${encodeURIComponent(query.get("pool")!)}` : ""}`}
            >
              every pair of the pool
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

type ListedRound = Awaited<ReturnType<typeof listRounds>>[number];

/**
 * Rounds whose submissions may meet this round's in a pool (assertPoolCompatible: same time basis, base workloads,
 * benchmark version and hardware); with allowMixed, any round on the same time basis sharing a base workload (mixedPool).
 */
function compatibleRounds(rounds: readonly ListedRound[], slug: string, allowMixed: boolean): PickerGroup[] {
  const bases = (r: ListedRound) =>
    r.workloads
      .filter((w) => w.role === "base")
      .map((w) => w.key)
      .sort();
  const current = rounds.find((r) => r.slug === slug);
  if (!current) return [];
  const same = (r: ListedRound) =>
    r.benchmarkVersion === current.benchmarkVersion && r.hardware === current.hardware && bases(r).join(",") === bases(current).join(",");
  const shares = (r: ListedRound) => bases(r).some((w) => bases(current).includes(w));
  return rounds
    .filter((r) => r.slug !== slug && r.timeBasis === current.timeBasis && (allowMixed ? shares(r) : same(r)) && r.submissions.length > 0)
    .slice(0, 5)
    .map((r) => ({
      round: r.slug,
      name: r.name,
      mixed: !same(r),
      options: r.submissions.slice(0, 200).map((s) => ({ slug: s.slug, displayName: s.displayName })),
    }));
}

/** Both sides' submission views for the eval curves (null where one cannot be read: the curves are optional). */
function sideViews(a: CompareSide, b: CompareSide): Promise<[SubmissionView | null, SubmissionView | null]> {
  const view = (s: CompareSide) => getSubmission(db(), s.round, s.slug).catch(() => null);
  return Promise.all([view(a), view(b)]);
}
