// The eval series of a run as number text for the content hash (JSON), made
// once per series by JSON.stringify (2-3x faster than Array.prototype.join on
// numbers). The insert sends the series packed (lib/db/eval-columns.ts).
export interface EvalSeriesValues {
  steps: readonly number[];
  times: readonly number[];
  metrics: readonly number[];
}

export interface EvalText {
  /** JSON.stringify of each series: NaN and ±Infinity print as null. */
  json: { steps: string; times: string; metrics: string };
}

// Keyed by the series object itself: one text per series however often it is hashed.
const texts = new WeakMap<EvalSeriesValues, EvalText>();

export function evalText(e: EvalSeriesValues): EvalText {
  let t = texts.get(e);
  if (!t) {
    const json = { steps: JSON.stringify(e.steps), times: JSON.stringify(e.times), metrics: JSON.stringify(e.metrics) };
    t = { json };
    texts.set(e, t);
  }
  return t;
}
