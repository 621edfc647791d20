// The frame of a server-rendered chart: a scrollable region on narrow
// screens, an SVG scaled to the page width with its accessible title and
// description. The chart draws inside it in SVG units.
import { ScrollRegion } from "@/components/ui/scroll-region";

export function ChartFrame({
  chart,
  id,
  title,
  description,
  width,
  height,
  maxWidth,
  className,
  scroll = true,
  data,
  children,
}: {
  /** `data-chart` of the SVG (the tests find charts by it). */
  chart?: string;
  /** With an id, the SVG is labelled by its <title> (and <desc>) elements, which get ids from it; without, by aria-label. */
  id?: string;
  title: string;
  description?: string;
  width: number;
  height: number;
  /** Tailwind max-width class, written out so Tailwind sees it, e.g. "max-w-[960px]". */
  maxWidth?: string;
  /** The SVG's classes instead of the default (full width up to maxWidth, in the text colour). */
  className?: string;
  /** False: the SVG shrinks with the page instead of scrolling in its own region (small multiples). */
  scroll?: boolean;
  /** More data-* attributes of the SVG. */
  data?: Record<`data-${string}`, string | number>;
  children: React.ReactNode;
}) {
  const svg = (
    <svg
      style={scroll ? { minWidth: width } : undefined}
      id={id}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={id ? undefined : title}
      aria-labelledby={id ? `${id}-title${description ? ` ${id}-desc` : ""}` : undefined}
      className={className ?? ["h-auto w-full", maxWidth, "text-zinc-900 dark:text-zinc-100"].filter(Boolean).join(" ")}
      data-chart={chart}
      {...data}
    >
      <title id={id && `${id}-title`}>{title}</title>
      {description && <desc id={id && `${id}-desc`}>{description}</desc>}
      {children}
    </svg>
  );
  return scroll ? <ScrollRegion label={title}>{svg}</ScrollRegion> : svg;
}
