// A box that scrolls sideways when its content (a wide table, a code block, a
// chart) is wider than the screen, so the page itself never does. It is
// focusable and labelled, so a keyboard user can scroll it too (axe:
// scrollable-region-focusable).
import type { ElementType } from "react";

export function ScrollRegion({
  label,
  className = "",
  as: Tag = "div",
  children,
}: {
  label: string;
  className?: string;
  as?: ElementType;
  children: React.ReactNode;
}) {
  return (
    <Tag
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 ${className}`}
    >
      {children}
    </Tag>
  );
}
