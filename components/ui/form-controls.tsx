// The pieces of the site's plain GET forms (they work without JavaScript):
// one look for inputs and the submit button, and the URL parameters a form
// keeps as hidden fields so that submitting it changes only its own fields.

/** The class of a text, number or select input. */
export const INPUT = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** `keys` of `params` that have a value, as hidden fields. */
export function HiddenFields({ params, keys }: { params: URLSearchParams; keys: readonly string[] }) {
  return keys.filter((k) => params.get(k)).map((k) => <input key={k} type="hidden" name={k} value={params.get(k)!} />);
}

export function SubmitButton({ children }: { children: React.ReactNode }) {
  return (
    <button
      type="submit"
      className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
    >
      {children}
    </button>
  );
}
