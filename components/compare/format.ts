// Number formats of the head-to-head views.

/** A speedup or time ratio: 3 decimals ("1.386"), "–" when undefined. */
export function formatSpeedup(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(3);
}

/** "A is 1.39× faster" / "B is 1.20× faster" / "equally fast" from a speedup of A over B. */
export function speedupSentence(speedup: number, a: string, b: string): string {
  if (!Number.isFinite(speedup)) return "No geometric mean: a base workload has data for one side only.";
  if (speedup === 1) return `${a} and ${b} are equally fast on the geometric mean.`;
  return speedup > 1 ? `${a} is ${formatSpeedup(speedup)}× faster than ${b}` : `${b} is ${formatSpeedup(1 / speedup)}× faster than ${a}`;
}
