// Downsampling of eval curves for drawing: Largest-Triangle-Three-Buckets
// (S. Steinarsson, "Downsampling Time Series for Visual Representation", 2013),
// the standard choice for line charts: it keeps the peaks and the shape that a
// stride would drop. Points the chart must show exactly (the first eval that
// met the target and the one before it: the target crossing) are always kept.

/**
 * Indices (ascending) of at most `threshold` + keep.length points of (x, y):
 * the first and the last always, one per bucket in between, and every valid
 * index of `keep`. All indices when the series is not longer than `threshold`.
 */
export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number, keep: readonly number[] = []): number[] {
  const n = Math.min(x.length, y.length);
  if (n <= threshold || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const picked = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let b = 0; b < threshold - 2; b++) {
    const from = Math.floor(b * every) + 1;
    const to = Math.min(Math.floor((b + 1) * every) + 1, n - 1);
    // The average of the next bucket (the last point for the last bucket), over its finite points.
    const nextFrom = to;
    const nextTo = Math.min(Math.floor((b + 2) * every) + 1, n);
    let sx = 0;
    let sy = 0;
    let count = 0;
    for (let i = nextFrom; i < nextTo; i++) {
      if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
        sx += x[i]!;
        sy += y[i]!;
        count++;
      }
    }
    const [cx, cy] = count > 0 ? [sx / count, sy / count] : [x[n - 1]!, y[n - 1]!];
    let best = from;
    let bestArea = -1;
    for (let i = from; i < to; i++) {
      const area = Math.abs((x[a]! - cx) * (y[i]! - y[a]!) - (x[a]! - x[i]!) * (cy - y[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    picked.push(best);
    a = best;
  }
  picked.push(n - 1);
  const valid = keep.filter((i) => Number.isInteger(i) && i >= 0 && i < n);
  return [...new Set([...picked, ...valid])].sort((p, q) => p - q);
}

/** The first eval that met the target and the one before it: the two ends of the target crossing. */
export function crossingIndices(hitIndex: number | null): number[] {
  return hitIndex === null ? [] : hitIndex > 0 ? [hitIndex - 1, hitIndex] : [hitIndex];
}
