// The frame of every analysis view: its heading, what it shows, how it is
// computed (optional), then the view itself. One definition, so the views
// read alike and the tests find them by `data-view`.
export function AnalysisSection({
  view,
  title,
  intro,
  method,
  children,
}: {
  view: string;
  title: string;
  intro: React.ReactNode;
  method?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby="view-title" className="space-y-5" data-view={view}>
      <div>
        <h2 id="view-title" className="text-lg font-semibold">
          {title}
        </h2>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{intro}</p>
        {method && (
          <details className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
            <summary className="cursor-pointer">How this is computed</summary>
            {method}
          </details>
        )}
      </div>
      {children}
    </section>
  );
}
