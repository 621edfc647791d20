// Checks of a parsed JSON request body that must come before anything else
// walks it: recursion (hashing, validation, storing) would overflow the stack
// on a deep body ("Maximum call stack size exceeded"), zod drops a `__proto__`
// key when it copies an object (stored without it, compared with it: a re-sent
// run would conflict with itself), and JSON numbers past ±1.8e308 (e.g. 1e400)
// parse to ±Infinity, which jsonb stores as null. This walk is iterative.

import type { Issue } from "@/lib/issue";

/** Nesting a request body may have (an upload needs about a dozen levels). */
export const MAX_BODY_DEPTH = 64;

/** Keys that name the object machinery rather than data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Dotted path of the offending value, e.g. "runs.0.hyperparameters.__proto__"; "(body)" for the root. */
export type JsonProblem = Issue;

interface Node {
  value: unknown;
  key: string | number | null;
  parent: Node | null;
  depth: number;
}

/** The dotted path of a node, built only when there is something to report. */
function pathOf(node: Node, child?: string | number): string {
  const parts: (string | number)[] = child === undefined ? [] : [child];
  for (let n: Node | null = node; n && n.key !== null; n = n.parent) parts.unshift(n.key);
  return parts.map(String).join(".") || "(body)";
}

const NOT_FINITE = "not a finite number: JSON numbers beyond ±1.8e308 (e.g. 1e400) cannot be stored";

/** A non-finite number is reported at once; an object or array is queued. */
function visit(stack: Node[], parent: Node, key: string | number, child: unknown): JsonProblem | null {
  if (typeof child === "number") return Number.isFinite(child) ? null : { path: pathOf(parent, key), message: NOT_FINITE };
  if (child !== null && typeof child === "object") stack.push({ value: child, key, parent, depth: parent.depth + 1 });
  return null;
}

/**
 * The first problem of a parsed body, or null: deeper than `maxDepth`, a key
 * in FORBIDDEN_KEYS, or a non-finite number. Linear in the size of the body.
 */
export function jsonBodyProblem(value: unknown, maxDepth: number = MAX_BODY_DEPTH): JsonProblem | null {
  if (typeof value === "number" && !Number.isFinite(value)) return { path: "(body)", message: NOT_FINITE };
  const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (v === null || typeof v !== "object") continue;
    if (node.depth >= maxDepth) {
      const path = pathOf(node).split(".");
      return { path: path.length > 8 ? `${path.slice(0, 8).join(".")}…` : path.join("."), message: `JSON nested deeper than ${maxDepth} levels` };
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const problem = visit(stack, node, i, v[i]);
        if (problem) return problem;
      }
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        return { path: pathOf(node, key), message: `the key "${key}" is not allowed (${[...FORBIDDEN_KEYS].join(", ")} name JavaScript object internals)` };
      }
      const problem = visit(stack, node, key, (v as Record<string, unknown>)[key]);
      if (problem) return problem;
    }
  }
  return null;
}
