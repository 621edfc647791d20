// Syntax errors of JSON text by line and column (lib/ingest/json-syntax.ts).
// Every line and column below is counted by hand on the literal text.
import { describe, expect, test } from "vitest";
import { JsonSyntaxError, parseJsonText } from "@/lib/ingest/json-syntax";

function problem(text: string) {
  try {
    parseJsonText(text);
  } catch (error) {
    const found = JsonSyntaxError.find(error);
    if (found) return found.problem;
    throw error;
  }
  throw new Error("parsed without error");
}

describe("parseJsonText", () => {
  test("valid JSON parses as JSON.parse does", () => {
    expect(parseJsonText('{"a": [1, 2.5, "x", null, true]}')).toEqual({ a: [1, 2.5, "x", null, true] });
  });

  test.each([
    { name: "trailing comma in an object", text: '{\n  "a": 1,\n}', line: 3, column: 1, says: "property name" },
    { name: "Python's True", text: '{"a": 1,\n "b": True}', line: 2, column: 7, says: 'unexpected "True"' },
    { name: "NaN", text: "[\n\t1,\n\tNaN\n]", line: 3, column: 2, says: "NaN is not JSON" },
    { name: "missing comma between values", text: "[1 2]", line: 1, column: 4, says: 'expected ","' },
    { name: "cut-off body", text: '{"a": [1,\n2', line: 2, column: 2, says: "the text ends" },
    { name: "empty body", text: "", line: 1, column: 1, says: "the text ends" },
    { name: "raw line break in a string (V8 gives no position)", text: '{"a":\n  "x\ny"}', line: 2, column: 3, says: "not closed" },
    { name: "comment", text: '{"a": 1 // one\n}', line: 1, column: 9, says: "comments are not JSON" },
    { name: "CRLF line ends, non-ASCII before the error", text: '{"é":\r\n "ü" "x"}', line: 2, column: 6, says: 'expected ","' },
    { name: "text after the value", text: "{}\n\n  x", line: 3, column: 3, says: "unexpected" },
  ])("$name → line $line, column $column", ({ text, line, column, says }) => {
    const p = problem(text);
    expect({ line: p.line, column: p.column }).toEqual({ line, column });
    expect(p.reason).toContain(says);
  });

  test("the excerpt shows the line with a caret under the column, cut around it on a long line", () => {
    expect(problem('{"a":\n  1,, 2}').excerpt).toBe("  1,, 2}\n    ^");
    const long = `[${"1,".repeat(100)}x]`;
    const p = problem(long);
    expect(p.column).toBe(202);
    const [shown, caret] = p.excerpt.split("\n");
    expect(shown).toBe(`…${"1,".repeat(20)}x]`);
    expect(caret!.indexOf("^")).toBe(41);
  });

  test("the error message starts with line and column", () => {
    expect(() => parseJsonText("[1,]")).toThrow(/^line 1, column 4: /);
  });
});
