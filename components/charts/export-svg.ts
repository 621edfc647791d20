// Browser-side export of a rendered chart: an SVG file that looks like the
// page (CSS variables and currentColor resolved to real colours, hidden
// curves dropped) and a PNG drawn from it.

const PAINT = [
  "stroke",
  "fill",
  "stroke-width",
  "stroke-dasharray",
  "opacity",
  "stroke-opacity",
  "fill-opacity",
  "font-size",
  "font-family",
  "font-weight",
] as const;

/** Standalone SVG text of `svg` with computed paint inlined; series in `hidden` are removed. */
export function svgForExport(svg: SVGSVGElement, hidden: ReadonlySet<string> = new Set()): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll<SVGElement>("*")];
  const target = [clone, ...clone.querySelectorAll<SVGElement>("*")];
  source.forEach((el, i) => {
    const out = target[i]!;
    const style = getComputedStyle(el);
    for (const prop of PAINT) {
      const v = style.getPropertyValue(prop);
      if (v) out.setAttribute(prop, v);
    }
    out.removeAttribute("class");
  });
  for (const el of clone.querySelectorAll<SVGElement>("[data-series]")) {
    const key = el.getAttribute("data-series");
    // A highlight in progress must not end up in the file.
    el.setAttribute("opacity", "1");
    if (key !== null && hidden.has(key)) el.remove();
  }
  const { width, height } = clone.viewBox.baseVal;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  const background = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", getComputedStyle(document.body).backgroundColor || "#ffffff");
  clone.insertBefore(background, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

export async function svgToPng(svgText: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
