import { CiteThisView } from "@/components/cite/cite-this-view";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AnalysisNav } from "@/components/analysis/analysis-nav";
import { db } from "@/lib/db/client";
import { listRounds } from "@/lib/server/services/catalog";

export default async function AnalysisLayout({ children, params }: { children: React.ReactNode; params: Promise<{ round: string }> }) {
  const { round } = await params;
  const rounds = await listRounds(db());
  const current = rounds.find((r) => r.slug === round);
  if (!current) notFound();
  const choices = rounds.map((r) => ({ slug: r.slug, name: r.name }));
  return (
    <div className="space-y-6">
      <header>
        <p className="text-xs uppercase tracking-wide text-zinc-500">Analysis</p>
        <h1 className="text-2xl font-semibold tracking-tight">{current.name}</h1>
        <CiteThisView round={round} />
      </header>
      <Suspense fallback={null}>
        <AnalysisNav round={round} rounds={choices} />
      </Suspense>
      {children}
    </div>
  );
}
