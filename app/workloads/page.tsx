// /workloads?round=<round>: the workloads of a round as cards, each linking to
// its per-submission table.
import { CiteThisView } from "@/components/cite/cite-this-view";
import { citationOf } from "@/lib/server/pages/citation";
import type { Metadata } from "next";
import { RoundPicker, RoundTabs, RoundTitle } from "@/components/rounds/round-header";
import { WorkloadCard } from "@/components/workloads/workload-card";
import { db } from "@/lib/db/client";
import { pageResult } from "@/lib/server/page-result";
import { defaultRoundSlug, pickerRounds } from "@/lib/server/services/catalog";
import { listWorkloads } from "@/lib/server/services/workloads";
import { parseViewQuery } from "@/lib/views/parse-query";
import { routes } from "@/lib/views/routes";
import { Notice } from "@/components/ui/notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Workloads" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function WorkloadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const database = db();
  const round = typeof sp.round === "string" && sp.round ? sp.round : await defaultRoundSlug(database);
  const { query } = parseViewQuery(sp);
  const [rounds, result] = await Promise.all([pickerRounds(database, round), pageResult(() => listWorkloads(database, round))]);
  if (!result.ok) return <Notice tone="error" title={result.error.message} />;
  const { round: info, workloads } = result.value;
  return (
    <div className="space-y-5">
      <RoundPicker rounds={rounds} current={round} hrefFor={(slug) => routes.workloads(slug)} />
      <RoundTitle round={info} />
      <CiteThisView citation={() => citationOf(round)} />
      <RoundTabs round={round} current="workloads" query={query} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {workloads.length} base workloads. Open one for the time to target of every submission, its ratio to the best, the best metric against the target and
        every study.{" "}
        <a className="text-sky-700 hover:underline dark:text-sky-400" href={routes.api.workloads(round)}>
          JSON
        </a>
      </p>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {workloads.map((w) => (
          <WorkloadCard
            key={w.key}
            workload={w}
            round={info}
            href={routes.workload(round, w.key, query)}
            variants={w.variants}
            variantHref={(key) => routes.workload(round, key, query)}
            counts={{ submissions: w.submissions, reached: w.reached }}
          />
        ))}
      </div>
    </div>
  );
}
