// The rules of a round (docs/hosting-a-round.md): benchmark version, ruleset,
// budgets, studies × trials, hardware, and each workload's target and budget.
import { uploadWindowState } from "@/lib/rounds/upload-window";
import type { RoundCatalog, WorkloadInfo } from "@/lib/server/services/catalog";
import type { RoundChangesFromPrevious } from "@/lib/server/services/round-rules";

const RULESET: Record<string, string> = { external_tuning: "External tuning", self_tuning: "Self-tuning" };
const ROLE: Record<string, string> = { base: "base", held_out: "held-out", variant: "variant" };

/** Open / not yet open / closed now (lib/rounds/upload-window.ts; admin tokens may upload at any time). */
function uploadsFact(round: RoundCatalog["round"]): string {
  const window = {
    slug: round.slug,
    published: round.published,
    opensAt: round.opensAt ? new Date(round.opensAt) : null,
    closesAt: round.closesAt ? new Date(round.closesAt) : null,
  };
  const state = uploadWindowState(window, new Date());
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");
  if (state === "closed") return `closed to upload tokens${round.closesAt ? ` since ${day(round.closesAt)}` : ""}`;
  if (state === "not yet open") return `not yet open: opens ${day(round.opensAt)}`;
  return `open${round.closesAt ? ` until ${day(round.closesAt)}` : ""}`;
}

export function RoundRules({
  round,
  workloads,
  previous,
}: {
  round: RoundCatalog["round"];
  workloads: WorkloadInfo[];
  previous?: RoundChangesFromPrevious | null;
}) {
  const facts: [string, string][] = [
    ["Benchmark version", round.benchmarkVersion],
    ["Ruleset", RULESET[round.ruleset] ?? round.ruleset],
    ["Runtime budget", round.budgetFactor === 1 ? "× 1 (the workload budgets below)" : `× ${round.budgetFactor} of the workload budgets below`],
    ["Studies × trials", `${round.studiesExpected} × ${round.trialsExpected}`],
    ["Hardware", round.hardware ?? "not stated"],
    ["Targets from", round.targetsSource ?? round.source ?? "not stated"],
    ["Uploads", uploadsFact(round)],
  ];
  if (round.opensAt) facts.push(["Opens", round.opensAt.slice(0, 16).replace("T", " ") + " UTC"]);
  if (round.closesAt) facts.push(["Closes", round.closesAt.slice(0, 16).replace("T", " ") + " UTC"]);
  return (
    <details data-round-rules className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">Rules of this round</summary>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {facts.map(([k, v]) => (
          <div key={k} className="contents" data-rule={k}>
            <dt className="text-zinc-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {previous && (
        <div className="mt-3" data-round-changes>
          <p className="text-zinc-500">
            {`Changes from ${previous.previous.name} (${previous.previous.benchmarkVersion})${previous.changes.length === 0 ? ": none" : ":"}`}
          </p>
          {previous.changes.length > 0 && (
            <ul className="ml-5 list-disc">
              {previous.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="mt-3 overflow-x-auto">
        <table className="text-xs" data-round-workloads>
          <caption className="sr-only">Workloads, targets and budgets</caption>
          <thead>
            <tr className="text-left text-zinc-500">
              <th className="pr-3 font-normal">Workload</th>
              <th className="pr-3 font-normal">Role</th>
              <th className="pr-3 font-normal">Metric</th>
              <th className="pr-3 font-normal">Target</th>
              <th className="pr-3 font-normal">Budget (s)</th>
              <th className="font-normal">Step hint</th>
            </tr>
          </thead>
          <tbody>
            {workloads.map((w) => (
              <tr key={w.key} data-workload={w.key}>
                <td className="pr-3">
                  <code>{w.key}</code>
                </td>
                <td className="pr-3">{ROLE[w.role] ?? w.role}</td>
                <td className="pr-3">
                  {w.metricName} ({w.direction === "min" ? "lower is better" : "higher is better"})
                </td>
                <td className="pr-3 tabular-nums">{w.target}</td>
                <td className="pr-3 tabular-nums">{w.budgetSeconds === null ? "–" : w.budgetSeconds * round.budgetFactor}</td>
                <td className="tabular-nums">{w.stepHint ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
