// CSV downloads of the tables (`?format=csv`). d3-dsv quotes every field that
// needs it (RFC 4180); non-finite numbers are written as in the JSON
// responses: "inf" (not reached) and "nan" (no data), empty for null.
import { csvFormatRows } from "d3";
import { encodeNumber } from "@/lib/scoring";

export type CsvValue = string | number | boolean | null | undefined;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cell = (v: CsvValue) => (typeof v === "number" ? String(encodeNumber(v)) : v === null || v === undefined ? "" : String(v));
  return csvFormatRows([header.map(String), ...rows.map((r) => r.map(cell))]) + "\n";
}

