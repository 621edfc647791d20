// The numbers of eval_measurements.csv, converted the two ways the readers
// need (ingest/algoperf/eval-csv.ts): correctly rounded like JS Number() (the
// upload, docs/scoring.md §1.6) or like pandas.read_csv's default float parser
// (`cli score`, so that time_to_targets.csv is the official file byte for byte).
// Plain decimals are converted straight from the file's text, without a
// substring per field: a round's logs hold ~900,000 numbers.

/** pandas.read_csv's default missing-value strings (they read as NaN). None of them is a number to Number(). */
const PANDAS_NA = new Set([
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "None",
  "n/a",
  "nan",
  "null",
]);
const PANDAS_INF = new Map<string, number>([
  ["inf", Infinity],
  ["+inf", Infinity],
  ["-inf", -Infinity],
  ["Infinity", Infinity],
  ["+Infinity", Infinity],
  ["-Infinity", -Infinity],
]);

/** A field as a correctly rounded number (JS Number()); NaN for pandas' missing values and anything that is not a number. */
export function exactNumber(raw: string): number {
  if (raw === "") return NaN;
  const n = Number(raw);
  // Number("  ") is 0; a blank field is missing.
  if (n === 0) return raw.trim() === "" ? NaN : n;
  if (!Number.isNaN(n)) return n;
  // Not a number to JS: pandas' infinities, or missing (its NA strings, or anything else).
  return PANDAS_NA.has(raw) ? NaN : (PANDAS_INF.get(raw) ?? NaN);
}

/** 1e0 … 1e308, correctly rounded like the C literals of pandas' table. */
const POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * pandas.read_csv's default float parser (pandas/_libs/src/parser/tokenizer.c
 * precise_xstrtod, pandas 1.x–2.x): at most 17 significant digits
 * accumulated in a double, then one multiplication or division by a power
 * of ten. Not always correctly rounded: 18 times of the published logs come
 * out 1 ulp away from Number() (docs/scoring.md §1.6); this reproduces them,
 * so that `score` writes time_to_targets.csv as the official code does.
 * Anything that is not a plain decimal goes to exactNumber.
 */
export function pandasNumber(raw: string): number {
  const m = DECIMAL.exec(raw);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return exactNumber(raw);
  const intStart = m[1]!.length;
  const fracStart = intStart + m[2]!.length + 1;
  return pandasDecimal(raw, intStart, intStart + m[2]!.length, fracStart, fracStart + (m[3] ?? "").length, m[1] === "-", m[4] === undefined ? 0 : Number(m[4]));
}

/**
 * precise_xstrtod's arithmetic on the digits text[intStart, intEnd) "." text[fracStart, fracEnd)
 * and a decimal exponent: pandasNumber, and decimalAt's pandas numbers.
 */
function pandasDecimal(text: string, intStart: number, intEnd: number, fracStart: number, fracEnd: number, negative: boolean, exp: number): number {
  let value = 0;
  let digits = 0;
  let exponent = 0;
  for (let i = intStart; i < intEnd; i++) {
    if (digits < 17) {
      value = value * 10 + (text.charCodeAt(i) - 48);
      digits++;
    } else exponent++;
  }
  let decimals = 0;
  for (let i = fracStart; i < fracEnd; i++) {
    if (digits >= 17) break;
    value = value * 10 + (text.charCodeAt(i) - 48);
    digits++;
    decimals++;
  }
  exponent -= decimals;
  if (negative) value = -value;
  exponent += exp;
  if (exponent > 308) return value === 0 ? 0 : value < 0 ? -Infinity : Infinity;
  if (exponent > 0) return value * POW10[exponent]!;
  if (exponent < -308) return exponent < -616 ? 0 * value : value / POW10[-308 - exponent]! / POW10[308]!;
  return value / POW10[-exponent]!;
}

/** 2^53: integers up to it are exact doubles (the bound of Clinger's fast path). */
const EXACT_INT = 9007199254740992;

/** Where decimalAt stopped reading: the index after the number's last character. */
export interface DecimalEnd {
  end: number;
}

/**
 * The plain decimal (sign, digits, point, digits, exponent) that starts at
 * text[a], read up to the first character that cannot continue it, whose
 * index goes to `stop.end`: the field is that number when the character there
 * ends the field. undefined when no such decimal starts there, or it cannot
 * be converted without its text (the caller converts the field's text as
 * before). `pandas`: as pandasNumber. Else correctly rounded like Number():
 * exactly when the digits form an integer m <= 2^53 and the power of ten is
 * at most 22 (m * 10^e and m / 10^e are then exact operands and one rounding,
 * Clinger's fast path), and for up to 19 digits divided by such a power
 * (wideQuotient: the runner's 16-17 digit times and metrics); other numbers
 * go to Number().
 */
export function decimalAt(text: string, a: number, pandas: boolean, stop: DecimalEnd): number | undefined {
  let i = a;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (c === 45 || c === 43) c = text.charCodeAt(++i);
  const intStart = i;
  let m = 0;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (c === 46) {
    fracStart = ++i;
    c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    fracEnd = i;
  }
  stop.end = i;
  if (intEnd === intStart && fracEnd === fracStart) return undefined;
  let exp = 0;
  if (c === 101 || c === 69) {
    c = text.charCodeAt(++i);
    const expNegative = c === 45;
    if (c === 45 || c === 43) c = text.charCodeAt(++i);
    const expStart = i;
    while (c >= 48 && c <= 57 && i - expStart < 6) {
      exp = exp * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    if (i === expStart || (c >= 48 && c <= 57)) return undefined;
    if (expNegative) exp = -exp;
  }
  stop.end = i;
  if (pandas) return pandasDecimal(text, intStart, intEnd, fracStart, fracEnd, negative, exp);
  const e = exp - (fracEnd - fracStart);
  if (e < -22 || e > 22) return undefined;
  let v: number | undefined;
  // m accumulated in doubles is exact while it stays <= 2^53.
  if (m <= EXACT_INT) v = e < 0 ? m / POW10[-e]! : m * POW10[e]!;
  else if (e < 0) v = wideQuotient(text, intStart, intEnd, fracStart, fracEnd, POW10[-e]!);
  if (v === undefined) return undefined;
  return negative ? -v : v;
}

/** Veltkamp's split of a double into two halves of 26 bits (Dekker's exact product). */
const SPLIT = 134217729;

/** The rounding error of a * b (a * b = fl(a * b) + error, exactly; Dekker's TwoProduct, no overflow here). */
function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word of a double in u32 (the machine's byte order). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The biased exponent of a positive double, or -1 for a power of two (where the spacing of doubles changes). */
function binade(x: number): number {
  f64[0] = x;
  const high = u32[HIGH]!;
  if ((high & 0xfffff) === 0 && u32[1 - HIGH] === 0) return -1;
  return high >>> 20;
}

/** 2^(k - 1075): the spacing of the doubles of biased exponent k. */
function spacing(k: number): number {
  f64[0] = 0;
  u32[HIGH] = (k - 52) << 20;
  return f64[0];
}

/**
 * The correctly rounded quotient of the integer written by the digits (up to
 * 19 of them, so m < 2^64) and an exact power of ten p <= 1e22; undefined when
 * it cannot be decided cheaply (the caller uses Number()). m is held exactly
 * as a double-double mh + ml; q1 = fl(mh / p) and q2 ≈ (m - q1·p) / p, with
 * the remainder mh - q1·p exact (it is representable for a correctly rounded
 * quotient and computed from Dekker's exact product) and q2 off by at most
 * ~2^-51 of itself. The exact quotient q1 + δ rounds to q1 + k·ulp(q1), k the
 * nearest integer to δ/ulp(q1); fl(q1 + q2) picks the same k unless δ/ulp lies
 * within q2's error of a half, which is refused with a wide margin (2^-40),
 * as are quotients at a power of two or whose sum leaves q1's binade.
 */
function wideQuotient(text: string, intStart: number, intEnd: number, fracStart: number, fracEnd: number, p: number): number | undefined {
  const digits = intEnd - intStart + fracEnd - fracStart;
  if (digits > 19) return undefined;
  // m = hi·10^8 + lo, hi < 10^11 and lo < 10^8: both exact.
  let hi = 0;
  let lo = 0;
  let k = 0;
  for (let i = intStart; i < intEnd; i++, k++) {
    if (k < digits - 8) hi = hi * 10 + (text.charCodeAt(i) - 48);
    else lo = lo * 10 + (text.charCodeAt(i) - 48);
  }
  for (let i = fracStart; i < fracEnd; i++, k++) {
    if (k < digits - 8) hi = hi * 10 + (text.charCodeAt(i) - 48);
    else lo = lo * 10 + (text.charCodeAt(i) - 48);
  }
  // hi·10^8 = s0 + e0 exactly, then + lo: s1 + e1 exactly (TwoSum), all integers of magnitude < 2^64.
  const s0 = hi * 1e8;
  const e0 = productError(hi, 1e8, s0);
  const s1 = s0 + lo;
  const bv = s1 - s0;
  const e1 = s0 - (s1 - bv) + (lo - bv);
  // e0 + e1: integers below 2^12, so exact; then renormalised (FastTwoSum): m = mh + ml exactly.
  const t = e0 + e1;
  const mh = s1 + t;
  const ml = t - (mh - s1);
  const q1 = mh / p;
  const pp = q1 * p;
  const remainder = mh - pp - productError(q1, p, pp);
  const q2 = (remainder + ml) / p;
  const k1 = binade(q1);
  if (k1 < 0) return undefined;
  const units = Math.abs(q2) / spacing(k1);
  const frac = units - Math.floor(units);
  if (Math.abs(frac - 0.5) < 9.094947017729282e-13) return undefined;
  const v = q1 + q2;
  return binade(v) === k1 ? v : undefined;
}
