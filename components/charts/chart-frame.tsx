// The frame of a server-rendered chart: a scrollable region on narrow
// screens, an SVG scaled to the page width with its accessible title and
// description. The chart draws inside it in SVG units.
import { ScrollRegion } from "@/components/ui/scroll-region";

export function ChartFrame({
  chart,
  title,
  description,
  width,
  height,
  maxWidth,
  children,
}: {
  /** `data-chart` of the SVG (the tests find charts by it). */
  chart: string;
  title: string;
  description?: string;
  width: number;
  height: number;
  /** Tailwind max-width class, written out so Tailwind sees it, e.g. "max-w-[960px]". */
  maxWidth: string;
  children: React.ReactNode;
}) {
  return (
    <ScrollRegion label={title}>
      <svg
        style={{ minWidth: width }}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        className={`h-auto w-full ${maxWidth} text-zinc-900 dark:text-zinc-100`}
        data-chart={chart}
      >
        <title>{title}</title>
        {description && <desc>{description}</desc>}
        {children}
      </svg>
    </ScrollRegion>
  );
}
