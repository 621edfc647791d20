import Link from "next/link";
import { ANALYSIS_VIEWS, toSearchParams, analysisViewHref } from "@/components/analysis/views";

export const dynamic = "force-dynamic";
export const metadata = { title: "Analysis" };

export default async function AnalysisOverview({
  params,
  searchParams,
}: {
  params: Promise<{ round: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { round } = await params;
  const query = toSearchParams(await searchParams);
  return (
    <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3" aria-label="Analysis views">
      {ANALYSIS_VIEWS.map((v) => (
        <li key={v.slug} data-view={v.slug} className="rounded border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 className="font-semibold">
            <Link href={analysisViewHref(round, v.slug, query)} className="hover:underline">
              {v.label}
            </Link>
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{v.summary}</p>
          <p className="mt-2 text-xs text-zinc-500">
            JSON:{" "}
            <code>
              /api/v1/rounds/{round}/{v.slug === "tau" ? "tau-sensitivity" : v.slug === "hyperparameters" ? "hyperparameters?submission=<slug>" : v.slug}
            </code>
          </p>
        </li>
      ))}
    </ul>
  );
}
