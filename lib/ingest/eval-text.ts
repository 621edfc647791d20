// The eval series of a run as number text, made once per series. An upload
// turns every value into text twice: for the content hash (JSON) and for the
// insert (PostgreSQL array literals, lib/db/bulk.ts pgArray). Both print a
// finite double with the same Number::toString, so the text is made once,
// by JSON.stringify (2-3x faster than Array.prototype.join on numbers), and
// shared: a quarter to a third of the server's time on a round's ~1M values
// (node --cpu-prof and phase timers, docs/performance.md).
export interface EvalSeriesValues {
  steps: readonly number[];
  times: readonly number[];
  metrics: readonly number[];
}

export interface EvalText {
  /** JSON.stringify of each series: NaN and ±Infinity print as null. */
  json: { steps: string; times: string; metrics: string };
  /** The values inside a PostgreSQL array literal (no braces): NaN prints as NaN. */
  pg: { steps: string; times: string; metrics: string };
}

// Keyed by the series object itself: the hash and the insert see the same object (lib/ingest/derive-run.ts).
const texts = new WeakMap<EvalSeriesValues, EvalText>();

/** The PostgreSQL form from the JSON one: the same text but for non-finite values, which JSON writes as null. */
function pgValues(json: string, values: readonly number[]): string {
  if (!json.includes("n")) return json.slice(1, -1);
  // "null" occurs in the JSON of numbers only as a whole value; only NaN can stand for it without a look at the values.
  return values.some((v) => v === Infinity || v === -Infinity) ? values.join(",") : json.slice(1, -1).replaceAll("null", "NaN");
}

export function evalText(e: EvalSeriesValues): EvalText {
  let t = texts.get(e);
  if (!t) {
    const json = { steps: JSON.stringify(e.steps), times: JSON.stringify(e.times), metrics: JSON.stringify(e.metrics) };
    t = { json, pg: { steps: pgValues(json.steps, e.steps), times: pgValues(json.times, e.times), metrics: pgValues(json.metrics, e.metrics) } };
    texts.set(e, t);
  }
  return t;
}
