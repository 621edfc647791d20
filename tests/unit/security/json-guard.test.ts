// lib/server/json-guard.ts: the iterative check every upload body passes before
// anything recursive walks it (issue 13, finding 7-8).
import { describe, expect, test } from "vitest";
import { jsonBodyProblem } from "@/lib/server/json-guard";

describe("jsonBodyProblem", () => {
  test("prototype keys anywhere, named by their path (JSON.parse keeps __proto__ as an own key)", () => {
    expect(jsonBodyProblem(JSON.parse('{"runs":[{"hyperparameters":{"__proto__":{"lr":1}}}]}'))).toMatchObject({ path: "runs.0.hyperparameters.__proto__" });
    expect(jsonBodyProblem(JSON.parse('{"a":[{"b":{"constructor":1}}]}'))).toMatchObject({ path: "a.0.b.constructor" });
    expect(jsonBodyProblem(JSON.parse('{"prototype":1}'))).toMatchObject({
      path: "prototype",
      message: expect.stringContaining('the key "prototype" is not allowed'),
    });
    // A value may be any text.
    expect(jsonBodyProblem(JSON.parse('{"notes":"__proto__ constructor prototype"}'))).toBeNull();
  });

  test("non-finite numbers (1e400 parses to Infinity), at the root too", () => {
    expect(jsonBodyProblem(JSON.parse('{"h":{"lr":-1e400}}'))).toMatchObject({ path: "h.lr", message: expect.stringContaining("not a finite number") });
    expect(jsonBodyProblem(JSON.parse("[1, 2, 1e400]"))).toMatchObject({ path: "2" });
    expect(jsonBodyProblem(JSON.parse("1e400"))).toMatchObject({ path: "(body)" });
  });

  test("nesting: 64 levels pass, 65 are 'nested deeper than 64 levels'; a million levels do not overflow the stack", () => {
    const nest = (n: number) => JSON.parse("[".repeat(n) + "]".repeat(n));
    expect(jsonBodyProblem(nest(64))).toBeNull();
    expect(jsonBodyProblem(nest(65))).toMatchObject({ message: "JSON nested deeper than 64 levels" });
    expect(jsonBodyProblem(nest(1_000_000))).toMatchObject({ message: "JSON nested deeper than 64 levels" });
  });

  test("an ordinary upload passes", () => {
    const body = {
      round: "r",
      submissions: [{ slug: "s", hyperparameters: { opt: { betas: [0.9, 0.999] }, lr: 1e-3 } }],
      runs: [{ submission: "s", evals: { steps: [1, 2], times: [0.5, 1], metrics: [null, 0.3] } }],
    };
    expect(jsonBodyProblem(body)).toBeNull();
  });
});
