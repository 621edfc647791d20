// docs/guarantees.md cannot drift from the tests: every row names at least one
// test as `path` › "name", every named file exists and has a test (or describe)
// whose title contains the name, and every integration and end-to-end test
// file is named by a row or listed, with its reason, as checking no guarantee.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const DOC = "docs/guarantees.md";
const doc = readFileSync(path.resolve(DOC), "utf8");

interface Row {
  id: string;
  line: number;
  refs: { file: string; name: string }[];
}

/** Rows of the guarantees tables: `| <id> | guarantee | ... | tested by |`, ids like B3 or U12. */
function rows(markdown: string): Row[] {
  const out: Row[] = [];
  markdown.split("\n").forEach((text, i) => {
    const cells = text.split("|").map((c) => c.trim());
    if (!/^[A-Z]\d+$/.test(cells[1] ?? "")) return;
    const testedBy = cells.at(-2) ?? "";
    const refs = [...testedBy.matchAll(/`(tests\/[^`]+\.test\.ts)` › "([^"]+)"/g)].map((m) => ({ file: m[1]!, name: m[2]! }));
    out.push({ id: cells[1]!, line: i + 1, refs });
  });
  return out;
}

/** Files listed under "## Test files that check no guarantee" as `- \`tests/...\`: reason`. */
function notGuarantees(markdown: string): { file: string; reason: string }[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Test files that check no guarantee")) ?? "";
  return [...section.matchAll(/^- `(tests\/[^`]+\.test\.ts)`:?\s*(.*)$/gm)].map((m) => ({ file: m[1]!, reason: m[2]!.trim() }));
}

/** Titles of test(), it() and describe() calls (also .each / .skip forms), as written in the source, template parts included. */
function titles(source: string): string[] {
  return [...source.matchAll(/\b(?:test|it|describe)(?:\.\w+)*(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?\(\s*(["'`])((?:\\.|(?!\1)[\s\S])*?)\1/g)].map((m) => m[2]!);
}

const testFiles = (dir: string) =>
  readdirSync(path.resolve(dir))
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `${dir}/${f}`);

describe(DOC, () => {
  // The guarantees tables come before the list of exempt files (later sections only refer to rows).
  const table = rows(doc.split(/^## Test files that check no guarantee/m)[0]!);
  const listed = notGuarantees(doc);

  test("has rows, each with a unique id and at least one named test", () => {
    expect(table.length).toBeGreaterThan(30);
    expect(new Set(table.map((r) => r.id)).size).toBe(table.length);
    for (const r of table) expect(r.refs.length, `${DOC}:${r.line} (${r.id}) names no test as \`path\` › "name"`).toBeGreaterThan(0);
  });

  test("every named test exists: the file, and a test or describe whose title contains the name", () => {
    const missing: string[] = [];
    for (const r of table) {
      for (const ref of r.refs) {
        if (!existsSync(path.resolve(ref.file))) {
          missing.push(`${r.id}: no file ${ref.file}`);
          continue;
        }
        const all = titles(readFileSync(path.resolve(ref.file), "utf8"));
        if (!all.some((t) => t.includes(ref.name))) missing.push(`${r.id}: no test "${ref.name}" in ${ref.file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("every integration and end-to-end test file is named by a row or listed as checking no guarantee (with a reason), not both", () => {
    const named = new Set(table.flatMap((r) => r.refs.map((ref) => ref.file)));
    const exempt = new Map(listed.map((l) => [l.file, l.reason]));
    const unaccounted = [...testFiles("tests/integration"), ...testFiles("tests/e2e")].filter((f) => !named.has(f) && !exempt.has(f));
    expect(unaccounted, `add a row to ${DOC} naming a test of each, or list it under "Test files that check no guarantee"`).toEqual([]);
    for (const [file, reason] of exempt) {
      expect(existsSync(path.resolve(file)), `${file} is listed but does not exist`).toBe(true);
      expect(named.has(file), `${file} is named by a row and listed as checking no guarantee`).toBe(false);
      expect(reason.length, `${file}: give the reason`).toBeGreaterThan(10);
    }
  });

  test("the parser sees through a broken row: an unknown file or test name is reported", () => {
    const broken = rows('| X1 | g | s | `tests/integration/nope.test.ts` › "x" |\n| X2 | g | s | no test |');
    expect(broken.map((r) => [r.id, r.refs])).toEqual([
      ["X1", [{ file: "tests/integration/nope.test.ts", name: "x" }]],
      ["X2", []],
    ]);
    expect(titles('test("a → b", () => {}); describe.each(x)("c $name", () => {}); it(`d ${1}`, f)')).toEqual(["a → b", "c $name", "d ${1}"]);
  });
});
