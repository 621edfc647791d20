// A page section named by its heading (aria-labelledby → the h2's id), as the
// long pages (upload, paper, submission, changes) write every section.
const HEADING = { large: "text-lg font-semibold", small: "text-sm font-semibold" } as const;

export function TitledSection({
  id,
  title,
  heading = "large",
  className,
  children,
}: {
  id: string;
  title: React.ReactNode;
  heading?: keyof typeof HEADING;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={HEADING[heading]}>
        {title}
      </h2>
      {children}
    </section>
  );
}
