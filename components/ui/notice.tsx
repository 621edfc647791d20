// Messages above a view: a problem with the URL's parameters, or an empty result.
import type { Issue } from "@/lib/issue";

export function Notice({
  tone = "warning",
  title,
  children,
  issues,
}: {
  tone?: "warning" | "error" | "info";
  title?: string;
  children?: React.ReactNode;
  issues?: Issue[];
}) {
  const colours = {
    warning: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100",
    error: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100",
    info: "border-zinc-300 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200",
  }[tone];
  return (
    <div role={tone === "info" ? "status" : "alert"} className={`rounded-lg border px-4 py-3 text-sm ${colours}`} data-notice={tone}>
      {title && <p className="font-medium">{title}</p>}
      {issues && issues.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {issues.map((i, k) => (
            <li key={k}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
      {children && <div className={title ? "mt-1" : undefined}>{children}</div>}
    </div>
  );
}

/** A view that cannot be shown (bad parameters, a pool the scoring refuses): every problem named, and a way back to the default view. */
export function ViewErrorNotice({ error, href, children }: { error: { message: string; issues: Issue[] }; href: string; children: React.ReactNode }) {
  return (
    <Notice tone="error" title="This view cannot be shown" issues={error.issues.length ? error.issues : [{ path: "query", message: error.message }]}>
      <a className="text-sky-700 underline dark:text-sky-400" href={href}>
        {children}
      </a>
    </Notice>
  );
}
