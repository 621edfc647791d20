// The shape issue 20 asks of the code: no function over 80 lines in lib/, no
// import cycle among app/, components/, lib/, ingest/ and scripts/, and no
// component that reads the database (pages and lib/server/pages/ loaders do). Read with the
// TypeScript compiler's parser, so comments and strings cannot fool it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = path.resolve(__dirname, "../../..");
const skip = new Set(["node_modules", "generated", ".next"]);
const MAX_LINES = 80;

function files(dir: string): string[] {
  const full = path.join(root, dir);
  if (!statSync(full).isDirectory()) return /\.tsx?$/.test(dir) && !dir.endsWith(".d.ts") ? [dir] : [];
  return readdirSync(full).flatMap((name) => (skip.has(name) ? [] : files(path.join(dir, name))));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    readFileSync(path.join(root, file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node)) && node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return "(anonymous)";
}

/** "file:name (N lines)" for every function-like node longer than MAX_LINES lines. */
function longFunctions(file: string): string[] {
  const source = parse(file);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > MAX_LINES) out.push(`${file}:${functionName(node)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * Imports of a file resolved to repository files, type-only ones included (a
 * cycle of types still ties two files together for a reader), and so are
 * dynamic `import("...")` calls (a lazy edge is still an edge).
 */
function imports(file: string, known: Set<string>): string[] {
  const source = parse(file);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]))
      specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.flatMap((spec) => {
    const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(file), spec) : null;
    if (base === null) return [];
    const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((c) => known.has(c));
    return hit ? [hit] : [];
  });
}

/** Strongly connected components of more than one file (or a file importing itself): each holds a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);
  return found;
}

describe("code shape (issue 20)", () => {
  test(`no function in lib/ is over ${MAX_LINES} lines`, () => {
    expect(files("lib").flatMap(longFunctions)).toEqual([]);
  });

  test("no import cycle among app/, components/, lib/, ingest/ and scripts/", () => {
    const all = ["app", "components", "lib", "ingest", "scripts", "proxy.ts"].flatMap(files);
    // The walk reaches every folder it should (a renamed folder would silently drop out).
    for (const dir of ["app/", "components/", "lib/", "ingest/", "scripts/"]) expect(all.some((f) => f.startsWith(dir))).toBe(true);
    const known = new Set(all);
    const graph = new Map(all.map((f) => [f, imports(f, known)]));
    expect(cycles(graph)).toEqual([]);
  });

  test("components/ import nothing from lib/db (the page or its loader reads, components get plain data)", () => {
    const all = ["components", "lib"].flatMap(files);
    const known = new Set(all);
    const offenders = files("components").flatMap((f) =>
      imports(f, known)
        .filter((i) => i.startsWith("lib/db/"))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });
});
