// The eval series of a run as number text, made once per series. An upload
// turns every value into text twice: for the content hash (JSON) and for the
// insert (PostgreSQL array literals, lib/db/bulk.ts pgArray). Both print a
// finite double with the same Number::toString, so the text is made once
// (Array.prototype.join) and shared: about a quarter of the server's time on
// a round's ~1M values (node --cpu-prof, docs/performance.md).
export interface EvalSeriesValues {
  steps: readonly number[];
  times: readonly number[];
  metrics: readonly number[];
}

/** Comma-separated values, as inside a PostgreSQL array literal: NaN prints as NaN. */
export interface EvalText {
  steps: string;
  times: string;
  metrics: string;
}

// Keyed by the series object itself: the hash and the insert see the same object (lib/ingest/derive-run.ts).
const texts = new WeakMap<EvalSeriesValues, EvalText>();

export function evalText(e: EvalSeriesValues): EvalText {
  let t = texts.get(e);
  if (!t) {
    t = { steps: e.steps.join(","), times: e.times.join(","), metrics: e.metrics.join(",") };
    texts.set(e, t);
  }
  return t;
}

/** JSON.stringify(values), from their text: the same but for NaN and ±Infinity, which JSON writes as null. */
export function jsonArray(text: string, values: readonly number[]): string {
  if (!text.includes("N") && !text.includes("I")) return `[${text}]`;
  // "NaN" and "Infinity" occur in the text only as whole values.
  return text.includes("Infinity") ? JSON.stringify(values) : `[${text.replaceAll("NaN", "null")}]`;
}
