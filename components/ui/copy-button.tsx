"use client";
// Copies text to the clipboard (a code example, a citation, the page's
// permalink) and says for two seconds whether it worked.
import { useState, type ButtonHTMLAttributes } from "react";

const BUTTON =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function CopyButton({
  text,
  label,
  idle = "Copy",
  copied = "Copied",
  ...button
}: {
  /** The text, or a function reading it at click time (e.g. the address after client-side navigation). */
  text: string | (() => string);
  /** What is copied, for the accessible name "Copy <label>"; without it the button is named by its text. */
  label?: string;
  /** The button's text, and its text after a successful copy. */
  idle?: string;
  copied?: string;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onClick" | "type" | "className" | "children">) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      aria-label={label === undefined ? undefined : `Copy ${label}`}
      className={BUTTON}
      {...button}
      onClick={() => {
        navigator.clipboard.writeText(typeof text === "function" ? text() : text).then(
          () => setState("copied"),
          () => setState("failed"),
        );
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      <span aria-live="polite">{state === "copied" ? copied : state === "failed" ? "Copy failed" : idle}</span>
    </button>
  );
}
