import { db } from "@/lib/db/client";
import { listRounds } from "@/lib/server/services/catalog";

export const dynamic = "force-dynamic";

const pct = (h: number | null) => (h === null ? "–" : `${Math.round(h * 100)}%`);

export default async function Home() {
  const rounds = await listRounds(db());
  return (
    <div className="space-y-10">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Rounds</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Time-to-target results of training algorithms, scored with the official AlgoPerf rules over any pool.
        </p>
      </section>
      {rounds.map((round) => (
        <section key={round.slug} aria-labelledby={`round-${round.slug}`} data-round={round.slug} className="space-y-4">
          <div>
            <h2 id={`round-${round.slug}`} className="text-lg font-semibold">
              {round.name}
            </h2>
            <p className="text-xs text-zinc-500">
              <code>{round.slug}</code> · {round.ruleset.replace("_", " ")} · times in {round.timeBasis === "seconds" ? "seconds" : "fractions of the budget"} ·{" "}
              {round.submissions.length} submissions · {round._count.runs} runs
            </p>
            <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{round.description}</p>
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <table className="w-full text-sm">
              <caption className="text-left font-medium">Workloads</caption>
              <thead className="text-left text-xs text-zinc-500">
                <tr>
                  <th className="py-1">Workload</th>
                  <th>Metric</th>
                  <th className="text-right">Target</th>
                  <th className="text-right">Budget</th>
                </tr>
              </thead>
              <tbody>
                {round.workloads
                  .filter((w) => w.role === "base")
                  .map((w) => (
                    <tr key={w.key} data-workload={w.key} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-1">{w.displayName}</td>
                      <td>{w.metricLabel}</td>
                      <td className="num text-right">
                        {w.direction === "min" ? "≤ " : "≥ "}
                        {w.target}
                      </td>
                      <td className="num text-right">{w.budgetSeconds !== null ? `${w.budgetSeconds.toLocaleString("en-US")} s` : `${w.budgetSteps?.toLocaleString("en-US")} steps`}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <table className="w-full text-sm">
              <caption className="text-left font-medium">Submissions</caption>
              <thead className="text-left text-xs text-zinc-500">
                <tr>
                  <th className="py-1">Name</th>
                  <th>Family</th>
                  <th>Horizon</th>
                  <th>Source</th>
                  <th className="text-right">Published score</th>
                </tr>
              </thead>
              <tbody>
                {round.submissions.map((s) => (
                  <tr key={s.slug} data-submission={s.slug} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className="py-1">{s.displayName}</td>
                    <td>{s.family ?? "–"}</td>
                    <td>{pct(s.horizon)}</td>
                    <td>{s.source}</td>
                    <td className="num text-right">{s.publishedScore?.toFixed(s.publishedScore < 1 && round.timeBasis === "seconds" ? 4 : 3) ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
