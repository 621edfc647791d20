// /rounds/<round>/changes?from=<v>&to=<v>: what changed in a round between two
// versions (default: the last change), and the round's timeline of versions
// with a link to the view pinned at each (docs/history.md).
import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { db } from "@/lib/db/client";
import { pageResult } from "@/lib/server/page-result";
import { roundChanges, roundVersions, type RoundChanges, type RoundVersionItem } from "@/lib/server/services/history";
import { routes } from "@/lib/views/routes";
import { TitledSection } from "@/components/ui/titled-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ round: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { round } = await params;
  return { title: `What changed · ${round}` };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);
const date = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;
const score = (s: number | null) => (s === null ? "–" : Number.isNaN(s) ? "n/a" : s.toFixed(4));
const pinned = (round: string, version: number) => `${routes.round(round)}?at=${version}`;
const changesHref = (round: string, from: number, to: number) => `/rounds/${encodeURIComponent(round)}/changes?from=${from}&to=${to}`;

export default async function ChangesPage({ params, searchParams }: Props) {
  const { round } = await params;
  const sp = await searchParams;
  const database = db();
  const result = await pageResult(async () => ({
    changes: await roundChanges(database, { round, from: one(sp.from), to: one(sp.to) }),
    versions: await roundVersions(database, { round }),
  }));
  if (!result.ok) {
    return (
      <Notice
        tone="error"
        title="These changes cannot be shown"
        issues={result.error.issues.length ? result.error.issues : [{ path: "query", message: result.error.message }]}
      />
    );
  }
  const { changes, versions } = result.value;
  const api = `/api/v1/rounds/${encodeURIComponent(round)}/changes?from=${changes.from}&to=${changes.to}`;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">
          What changed in <Link href={routes.round(round)}>{round}</Link>
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          From <Link href={pinned(round, changes.from)}>version {changes.from}</Link> ({date(changes.fromAt)}) to{" "}
          <Link href={pinned(round, changes.to)}>version {changes.to}</Link> ({date(changes.toAt)}), default view. <a href={api}>JSON</a> ·{" "}
          <a href={`${api}&format=csv`}>CSV</a>
        </p>
      </header>
      <Membership changes={changes} />
      <Moves changes={changes} />
      <Timeline round={round} versions={versions} />
    </div>
  );
}

function Membership({ changes }: { changes: RoundChanges }) {
  const kinds = (["added", "removed", "hidden", "unhidden", "verified", "unverified"] as const).filter((k) => changes[k].length > 0);
  if (kinds.length === 0) return <p>No submission was added, removed, hidden or verified.</p>;
  return (
    <TitledSection id="membership" title="Submissions">
      <ul className="list-disc pl-6">
        {kinds.map((k) => (
          <li key={k}>
            {k}: {changes[k].map((s) => `${s.displayName} (${s.slug})`).join(", ")}
          </li>
        ))}
      </ul>
    </TitledSection>
  );
}

function Moves({ changes }: { changes: RoundChanges }) {
  return (
    <TitledSection id="moves" title="Rank and score moves (default pool)">
      {changes.moves.length === 0 ? (
        <p>No rank or score changed.</p>
      ) : (
        <table className="text-sm">
          <thead>
            <tr className="text-left">
              <th className="pr-4">Submission</th>
              <th className="pr-4">Rank before</th>
              <th className="pr-4">Rank after</th>
              <th className="pr-4">Score before</th>
              <th className="pr-4">Score after</th>
            </tr>
          </thead>
          <tbody>
            {changes.moves.map((m) => (
              <tr key={m.slug}>
                <td className="pr-4">{m.displayName}</td>
                <td className="pr-4 tabular-nums">{m.rankBefore ?? "–"}</td>
                <td className="pr-4 tabular-nums">{m.rankAfter ?? "–"}</td>
                <td className="pr-4 tabular-nums">{score(m.scoreBefore)}</td>
                <td className="pr-4 tabular-nums">{score(m.scoreAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </TitledSection>
  );
}

function Timeline({ round, versions }: { round: string; versions: RoundVersionItem[] }) {
  return (
    <TitledSection id="timeline" title="Versions">
      <ol className="space-y-1 text-sm">
        {versions.map((v, i) => (
          <li key={v.version}>
            <Link href={pinned(round, v.version)}>version {v.version}</Link> · {date(v.at)} · {v.action}
            {v.actor ? ` by ${v.actor}` : ""}
            {v.submissions.length ? ` · ${v.submissions.slice(0, 5).join(", ")}${v.submissions.length > 5 ? ` and ${v.submissions.length - 5} more` : ""}` : ""}
            {v.runs ? ` · ${v.runs} run${v.runs === 1 ? "" : "s"}` : ""}
            {i + 1 < versions.length ? (
              <>
                {" "}
                · <Link href={changesHref(round, versions[i + 1]!.version, v.version)}>what changed</Link>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </TitledSection>
  );
}
