// A page section named by its heading (aria-labelledby → the h2's id), as the
// long pages (upload, paper, submission, changes, profiles) write every
// section; `aside` (downloads, a note) stands on the heading's line.
const HEADING = { large: "text-lg font-semibold", small: "text-sm font-semibold" } as const;

export function TitledSection({
  id,
  title,
  heading = "large",
  className,
  aside,
  wrap = false,
  children,
}: {
  id: string;
  title: React.ReactNode;
  heading?: keyof typeof HEADING;
  className?: string;
  /** Beside the heading, on its baseline (undefined: the heading alone). */
  aside?: React.ReactNode;
  /** The heading's line may wrap (a long aside). */
  wrap?: boolean;
  children: React.ReactNode;
}) {
  const h2 = (
    <h2 id={id} className={HEADING[heading]}>
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={id} className={className}>
      {aside === undefined ? (
        h2
      ) : (
        <div className={wrap ? "flex flex-wrap items-baseline gap-3" : "flex items-baseline gap-3"}>
          {h2}
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}
