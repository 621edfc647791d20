"use client";
// A GET form that submits itself when one of its controls changes, so a
// picker is one action (the task "A vs B" is: open compare from a row, pick
// B). Without JavaScript it is the plain form and its submit button.
export function SubmitOnChangeForm({ reset = {}, ...props }: React.FormHTMLAttributes<HTMLFormElement> & { reset?: Record<string, readonly string[]> }) {
  return (
    <form
      {...props}
      onChange={(e) => {
        const form = e.currentTarget;
        // A control that makes others meaningless (e.g. the round for A and B) leaves them out, so their defaults apply.
        const name = (e.target as unknown as HTMLInputElement).name;
        for (const other of reset[name] ?? []) {
          const field = form.elements.namedItem(other);
          if (field instanceof HTMLSelectElement || field instanceof HTMLInputElement) field.disabled = true;
        }
        form.requestSubmit();
      }}
    />
  );
}
