// States how the scores on a page were computed (the scoring engine's own
// sentence, settings.mode) and over which pool: every score depends on both.
import type { ResolvedSettings } from "@/lib/scoring";

export function ScoringNote({
  settings,
  poolSize,
  downloads,
}: {
  settings: ResolvedSettings | null;
  poolSize: number;
  downloads?: { label: string; href: string }[];
}) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      <p data-scoring-mode={settings?.mode ?? ""}>
        <span className="font-semibold text-zinc-800 dark:text-zinc-200">Scoring mode:</span> {settings ? settings.mode : "nothing to score"} ·{" "}
        <span className="num">{poolSize}</span> submission{poolSize === 1 ? "" : "s"} in the pool, scored among themselves on the server.
      </p>
      {downloads && downloads.length > 0 && (
        <p className="ml-auto flex gap-3">
          {downloads.map((d) => (
            <a key={d.href} href={d.href} className="text-sky-700 hover:underline dark:text-sky-400" download={d.label.includes("CSV") ? true : undefined}>
              {d.label}
            </a>
          ))}
        </p>
      )}
    </div>
  );
}
