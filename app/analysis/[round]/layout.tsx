// Every analysis view of a round in the site's one layout: the round picker,
// the round's title and facts, the round's tabs (Analysis current) and the
// analysis views (components/analysis/analysis-nav.tsx).
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AnalysisNav, AnalysisRoundPicker } from "@/components/analysis/analysis-nav";
import { CiteThisView } from "@/components/cite/cite-this-view";
import { citationOf } from "@/lib/server/pages/citation";
import { RoundTitle } from "@/components/rounds/round-header";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors";
import { pickerRounds, roundCatalog } from "@/lib/server/services/catalog";

export default async function AnalysisLayout({ children, params }: { children: React.ReactNode; params: Promise<{ round: string }> }) {
  const { round } = await params;
  const database = db();
  const [catalog, rounds] = await Promise.all([
    roundCatalog(database, round).catch((e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? null : Promise.reject(e))),
    pickerRounds(database, round),
  ]);
  if (!catalog) notFound();
  const defaultKeys = catalog.submissions.filter((s) => s.inDefaultPool).map((s) => s.slug);
  return (
    <div className="space-y-5">
      <Suspense fallback={null}>
        <AnalysisRoundPicker round={round} rounds={rounds} />
      </Suspense>
      <RoundTitle round={catalog.round} />
      <CiteThisView citation={() => citationOf(round)} />
      <Suspense fallback={null}>
        <AnalysisNav round={round} defaultKeys={defaultKeys} />
      </Suspense>
      {children}
    </div>
  );
}
