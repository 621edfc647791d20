// CSV downloads of the tables (`?format=csv`). d3-dsv quotes every field that
// needs it (RFC 4180); non-finite numbers are written as in the JSON
// responses: "inf" (not reached) and "nan" (no data), empty for null.
import { csvFormatRows } from "d3";
import { encodeNumber } from "@/lib/scoring";

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, and tab or
 * carriage return, which some spreadsheets skip before one) gets a leading
 * apostrophe, as OWASP's "CSV Injection" page recommends: names and notes come
 * from uploads. Numbers are written as numbers and never altered.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const cell = (v: CsvValue) => (typeof v === "number" ? String(encodeNumber(v)) : v === null || v === undefined ? "" : neutralizeFormula(String(v)));

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvFormatRows([header.map(neutralizeFormula), ...rows.map((r) => r.map(cell))]) + "\n";
}

/** Rows without a header, for a CSV sent in chunks after toCsv(header, []). Empty for no rows. */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return rows.length ? csvFormatRows(rows.map((r) => r.map(cell))) + "\n" : "";
}

/** A table before it is written as text: what the `*Csv` builders of lib/views/csv-tables return. */
export type CsvTable = { header: string[]; rows: CsvValue[][] };
