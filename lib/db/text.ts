// What a PostgreSQL text or jsonb value can hold: every input string that may
// reach a query (upload fields, URL parameters, procedure inputs) is checked
// with this, so such input is a 400 naming the field, never a database error.

/**
 * Why `s` cannot be stored or compared as text, or null. PostgreSQL rejects
 * U+0000 (SQLSTATE 22021), and a lone UTF-16 surrogate is not Unicode (it would
 * be stored as U+FFFD, so the stored value would differ from the sent one).
 */
export function unstorableText(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) return "must be valid Unicode (a lone surrogate was sent)";
  return null;
}

/**
 * `value` with every string (and object key) made storable: NUL and lone
 * surrogates become U+FFFD. For what the server writes about a request it
 * refused (audit details, rejection messages), which may quote hostile input.
 */
export function storable<T>(value: T): T {
  if (typeof value === "string") return value.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  }
  return value;
}
