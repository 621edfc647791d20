// The code cites the scoring rules as "docs/scoring.md §N.M" and environment
// recipes as docs/environment.md: both must be files of this repository (a
// clone has nothing else), and every cited section must be a heading there.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const root = path.resolve(__dirname, "../../..");
const scanned = ["app", "components", "lib", "ingest", "scripts", "tests", "docs", "prisma", "README.md"];
const skip = new Set(["node_modules", "generated", "artifacts", ".next"]);

function files(p: string): string[] {
  const full = path.join(root, p);
  if (statSync(full).isFile()) return [p];
  return readdirSync(full).flatMap((name) => (skip.has(name) ? [] : files(path.join(p, name))));
}
const sources = scanned.flatMap(files).filter((f) => /\.(ts|tsx|js|mjs|md|sql|prisma)$/.test(f));
const text = new Map(sources.map((f) => [f, readFileSync(path.join(root, f), "utf8")]));

/** Section numbers that are headings of docs/scoring.md: "## 3." gives "3", "### 3.4 ..." gives "3.4". */
function headings(): Set<string> {
  const found = new Set<string>();
  for (const line of readFileSync(path.join(root, "docs/scoring.md"), "utf8").split("\n")) {
    const m = /^#{2,3} (\d+(?:\.\d+)?)\.?\s/.exec(line);
    if (m) found.add(m[1]!);
  }
  return found;
}

describe("citations resolve inside the repository", () => {
  test("no file points to specifications a clone does not have", () => {
    // Built from parts so that this file does not match itself.
    const outside = ["SCORING", "ENVIRONMENT"].map((n) => `${n}.md`).concat([["..", "shared", ""].join("/")]);
    const offenders = [...text].filter(([, t]) => outside.some((o) => t.includes(o))).map(([f]) => f);
    expect(offenders).toEqual([]);
  });

  test("every § cited is a heading of docs/scoring.md", () => {
    const known = headings();
    expect(known.size).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const [file, t] of text) {
      // Sections of other documents ("RFC 9110 §13.1.2") are not ours.
      for (const m of t.matchAll(/(RFC \d+ )?§\s*(\d+(?:\.\d+)?)/g)) if (!m[1] && !known.has(m[2]!)) missing.push(`${file}: §${m[2]}`);
    }
    expect(missing).toEqual([]);
  });

  test("a § after a document of docs/ (docs/availability.md §1) is a heading of that document, and no bare § has more levels than docs/scoring.md", () => {
    const of = new Map<string, Set<string>>();
    const sections = (doc: string) => {
      if (!of.has(doc)) {
        const numbers = readFileSync(path.join(root, "docs", doc), "utf8")
          .split("\n")
          .map((line) => /^#{2,6} (\d+(?:\.\d+)*)\.?\s/.exec(line)?.[1])
          .filter((n): n is string => n !== undefined);
        of.set(doc, new Set(numbers));
      }
      return of.get(doc)!;
    };
    const missing: string[] = [];
    for (const [file, t] of text) {
      for (const m of t.matchAll(/docs\/([\w-]+\.md) §\s*(\d+(?:\.\d+)*)/g)) if (!sections(m[1]!).has(m[2]!)) missing.push(`${file}: docs/${m[1]} §${m[2]}`);
      // A deeper number than the scoring rules have belongs to another document, which must then be named ("RFC 1951 §3.2.4").
      for (const line of t.split("\n"))
        for (const m of line.matchAll(/§\s*(\d+\.\d+\.\d+)/g))
          if (!/RFC \d+|[\w-]+\.md/.test(line.slice(0, m.index))) missing.push(`${file}: §${m[1]} names no document`);
    }
    expect(missing).toEqual([]);
  });
});
