// JSON text to a value, with syntax errors located by line and column and
// shown with an excerpt of the line and a caret. JSON.parse does the parsing
// (fast, exact); only when it fails is the text scanned again by jsonc-parser
// (Microsoft's scanner of VS Code, strict options) to find where: V8's message
// gives a byte position at best, and for some errors (a raw newline in a
// string, an unknown word) none at all.
import { printParseErrorCode, visit, type ParseErrorCode } from "jsonc-parser";

/** Characters of the offending line shown on each side of the caret. */
const EXCERPT_SIDE = 40;

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (code points) of the line. */
  column: number;
  reason: string;
  /** The line (cut around the column, "…" where cut) and a caret under the column, on two lines. */
  excerpt: string;
}

/** Thrown by parseJsonText; found by name (like the body errors) across module copies. */
export class JsonSyntaxError extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(`line ${problem.line}, column ${problem.column}: ${problem.reason}`);
    this.name = "JsonSyntaxError";
  }

  static find(error: unknown): JsonSyntaxError | null {
    if (!(error instanceof Error)) return null;
    return error.name === "JsonSyntaxError" && "problem" in error ? (error as JsonSyntaxError) : JsonSyntaxError.find(error.cause);
  }
}

/** @throws JsonSyntaxError when `text` is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonSyntaxError(locateJsonError(text, error instanceof Error ? error.message : String(error)));
  }
}

/** A parse failure as text: "line L, column C: reason" and the excerpt, or the error's message. */
export function jsonErrorText(error: unknown): string {
  const syntax = JsonSyntaxError.find(error);
  if (syntax) return `${syntax.message}\n${syntax.problem.excerpt}`;
  return error instanceof Error ? error.message : String(error);
}

/** Where and why `text` is not JSON; `fallback` (JSON.parse's message) if the scanner finds nothing. */
export function locateJsonError(text: string, fallback: string): JsonSyntaxProblem {
  let first: { code: ParseErrorCode; offset: number; length: number } | null = null;
  visit(
    text,
    {
      onError: (code, offset, length) => {
        first ??= { code, offset, length };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) {
    const at = /at position (\d+)/.exec(fallback);
    return place(text, at ? Number(at[1]) : text.length, fallback);
  }
  const { code, offset, length } = first;
  // By name: the package's ParseErrorCode is a const enum, which isolated modules cannot read.
  return describe(text, printParseErrorCode(code), offset, length);
}

function describe(text: string, code: string, offset: number, length: number): JsonSyntaxProblem {
  const token = text.slice(offset, offset + Math.min(length, 20));
  if (offset >= text.length) return place(text, offset, atEnd(code));
  switch (code) {
    case "InvalidSymbol":
      return place(text, offset, unexpected(token));
    case "InvalidCharacter": {
      // The scanner points at the string; the caret goes to its first control character.
      const rel = [...text.slice(offset, offset + length)].findIndex((c) => c < " ");
      const at = rel < 0 ? offset : offset + [...text.slice(offset, offset + length)].slice(0, rel).join("").length;
      const c = text.charCodeAt(at);
      return place(text, at, `a control character (U+${c.toString(16).toUpperCase().padStart(4, "0")}) inside a string: escape it (\\n, \\t, \\u00XX)`);
    }
    default:
      return place(text, offset, REASONS[code] ?? code);
  }
}

const REASONS: Record<string, string> = {
  InvalidNumberFormat: "not a valid JSON number",
  PropertyNameExpected: 'expected a property name in double quotes (a trailing comma before "}" is not JSON)',
  ValueExpected: 'expected a value (a trailing comma before "]" or "}" is not JSON)',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between two values',
  CloseBraceExpected: 'expected "," or "}" after a property value',
  CloseBracketExpected: 'expected "," or "]" after an array element',
  EndOfFileExpected: "unexpected text after the end of the JSON value",
  InvalidCommentToken: "comments are not JSON",
  UnexpectedEndOfComment: "comments are not JSON",
  UnexpectedEndOfString: "a string is not closed on its line (a raw line break inside a string is not JSON: write \\n)",
  UnexpectedEndOfNumber: "a number ends too early",
  InvalidUnicode: "an invalid \\u escape (it needs four hex digits)",
  InvalidEscapeCharacter: 'an invalid escape in a string (JSON has \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
};

function atEnd(code: string): string {
  if (code === "UnexpectedEndOfString") return "the text ends inside a string";
  const open = code === "CloseBraceExpected" ? "an object" : code === "CloseBracketExpected" ? "an array" : null;
  return open ? `the text ends before ${open} is closed (was the body cut off?)` : "the text ends where a value was expected (empty or cut-off body?)";
}

function unexpected(token: string): string {
  const word = /^-?[A-Za-z_]+/.exec(token)?.[0] ?? token.slice(0, 1);
  if (/^-?(NaN|Infinity)$/.test(word)) {
    return `${word} is not JSON: send null for a metric the log has no finite value for, and leave out the time of a run that did not reach the target`;
  }
  if (word === "'") return "single quotes are not JSON: use double quotes";
  return `unexpected ${JSON.stringify(word)} (JSON values are strings in double quotes, numbers, true, false, null, objects and arrays)`;
}

/** The problem at UTF-16 `offset` of `text`: its line, column and excerpt. */
function place(text: string, offset: number, reason: string): JsonSyntaxProblem {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < lineStart; i = text.indexOf("\n", i + 1)) line++;
  const nextBreak = text.indexOf("\n", at);
  const lineText = text.slice(lineStart, nextBreak === -1 ? text.length : nextBreak).replace(/\r$/, "");
  const before = [...text.slice(lineStart, at)];
  const chars = [...lineText];
  const from = Math.max(0, before.length - EXCERPT_SIDE);
  const to = Math.min(chars.length, before.length + EXCERPT_SIDE);
  // Tabs kept as one character each: the caret line copies them so it stays aligned.
  // Control characters as their visible pictures (U+2400…), one column each.
  const visible = chars.slice(from, to).map((c) => (c < " " && c !== "\t" ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c));
  const shown = (from > 0 ? "…" : "") + visible.join("") + (to < chars.length ? "…" : "");
  const pad =
    (from > 0 ? " " : "") +
    before
      .slice(from)
      .map((c) => (c === "\t" ? "\t" : " "))
      .join("");
  return { line, column: before.length + 1, reason, excerpt: `${shown}\n${pad}^` };
}
