// "This view as JSON": the endpoint behind a page, with the page's query.
import { routes } from "@/lib/views/routes";

export function JsonLink({ round, endpoint, params }: { round: string; endpoint: string; params: URLSearchParams }) {
  // Empty form fields (e.g. "pool=") mean "default": leave them out of the link.
  const query = new URLSearchParams([...params].filter(([, v]) => v !== "")).toString();
  const href = routes.api.round(round, endpoint, query);
  return (
    <p className="text-xs text-zinc-500">
      This view as JSON:{" "}
      <a href={href} className="font-mono underline decoration-zinc-300 hover:decoration-current dark:decoration-zinc-600" data-json-link>
        {href}
      </a>
    </p>
  );
}
