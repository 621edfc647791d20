// Every external input has bounds: each string a maximum length, each array a
// maximum number of items, in every zod schema a request can reach (the upload
// body, every tRPC procedure's input, the score, view and analysis query
// parameters), checked on their JSON Schema so a new unbounded field fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { uploadSchema } from "@/lib/ingest/upload-schema";
import { appRouter } from "@/lib/server/routers/_app";
import { calibrationParamsSchema } from "@/lib/server/schemas/analysis-calibration";
import { sensitivityParamsSchema } from "@/lib/server/schemas/analysis-sensitivity";
import { tauParamsSchema } from "@/lib/server/schemas/analysis-tau";
import { uncertaintyParamsSchema } from "@/lib/server/schemas/analysis-uncertainty";
import { scoreQuerySchema } from "@/lib/server/schemas/scores";
import { viewQuerySchema } from "@/lib/views/parse-query";

type JsonSchema = {
  type?: string | string[];
  maxLength?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  [k: string]: unknown;
};

/** Paths of strings without maxLength (or enum/const) and arrays without maxItems. */
function unbounded(schema: unknown, path = "", out: string[] = []): string[] {
  if (!schema || typeof schema !== "object") return out;
  const s = schema as JsonSchema;
  const types = [s.type].flat();
  if (types.includes("string") && s.maxLength === undefined && s.enum === undefined && s.const === undefined)
    out.push(`${path || "(root)"}: string without maxLength`);
  if (types.includes("array") && s.maxItems === undefined) out.push(`${path || "(root)"}: array without maxItems`);
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties" && v && typeof v === "object") for (const [p, sub] of Object.entries(v)) unbounded(sub, `${path}.${p}`, out);
    else if (k === "items" || k === "additionalProperties" || k === "propertyNames") unbounded(v, `${path}[${k}]`, out);
    else if ((k === "anyOf" || k === "oneOf" || k === "allOf") && Array.isArray(v)) v.forEach((sub) => unbounded(sub, path, out));
  }
  return out;
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

describe("bounded inputs", () => {
  test("the upload body: every string and array is bounded (hyperparameters: by their own check, below)", () => {
    expect(unbounded(jsonSchema(uploadSchema))).toEqual([]);
  });

  test("every tRPC procedure's input", () => {
    // At run time the router keeps a flat map "path" → procedure.
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { inputs: (z.ZodType | { schema: z.ZodType })[] } }>);
    expect(procedures.map(([name]) => name).sort()).toEqual([
      "admin.closeRound",
      "admin.createRound",
      "admin.deleteSubmission",
      "admin.hideSubmission",
      "admin.purgeSubmission",
      "admin.updateRound",
      "admin.verifySubmission",
      "ingest.round",
      "ingest.upload",
      "rounds.list",
    ]);
    for (const [name, procedure] of procedures) {
      // A parser that is not a zod schema (ingest.upload's fast path, lib/ingest/upload-parse.ts) names the schema it enforces.
      for (const input of procedure._def.inputs) expect(unbounded(jsonSchema("schema" in input ? input.schema : input)), name).toEqual([]);
    }
  });

  test("score, view and analysis query parameters", () => {
    for (const [name, schema] of Object.entries({
      scoreQuerySchema,
      viewQuerySchema,
      calibrationParamsSchema,
      sensitivityParamsSchema,
      tauParamsSchema,
      uncertaintyParamsSchema,
    })) {
      expect(unbounded(jsonSchema(schema as z.ZodType)), name).toEqual([]);
    }
  });
});

describe("free-form JSON (hyperparameters) and text fields", () => {
  const run = { submission: "s", workload: "w", study: 0, trial: 1, timeToTarget: { reached: true, seconds: 5 } };
  const issues = (value: unknown) => {
    const r = uploadSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  const withHyper = (hyperparameters: unknown) => ({ round: "r", submissions: [{ slug: "s", hyperparameters }], runs: [run] });

  test("ordinary hparams.json content passes", () => {
    expect(issues(withHyper({ learning_rate: 0.001, beta1: 0.9, warmup: { factor: 0.05, schedule: ["linear", "cosine"] }, label: "<b>x</b>" }))).toEqual([]);
  });

  test("too deep, too many entries, too long keys or strings are refused with their path", () => {
    // README: depth 8 and 1,000 entries, written out. At the limit: accepted; one past it: refused.
    let atLimit: unknown = 1;
    for (let i = 0; i < 8; i++) atLimit = { a: atLimit };
    expect(issues(withHyper(atLimit))).toEqual([]);
    let deep: unknown = 1;
    for (let i = 0; i < 9; i++) deep = { a: deep };
    expect(issues(withHyper(deep))).toEqual(["submissions.0.hyperparameters.a.a.a.a.a.a.a.a.a: nested deeper than 8 levels"]);
    expect(issues(withHyper(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))))).toEqual([]);
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
    expect(issues(withHyper(many))).toEqual(["submissions.0.hyperparameters: at most 1000 keys and values in all"]);
    expect(issues(withHyper({ ["k".repeat(201)]: 1 }))).toEqual([`submissions.0.hyperparameters.${"k".repeat(201)}: keys have at most 200 characters`]);
    expect(issues(withHyper({ a: { ["k".repeat(201)]: 1 } }))).toEqual([`submissions.0.hyperparameters.a.${"k".repeat(40)}: keys have at most 200 characters`]);
    expect(issues(withHyper({ lr: "x".repeat(5001) }))).toEqual(["submissions.0.hyperparameters.lr: at most 5000 characters"]);
    expect(issues(withHyper({ list: [1, "a\u0000b"] }))).toEqual(["submissions.0.hyperparameters.list.1: must not contain the NUL character (U+0000)"]);
    expect(issues(withHyper({ "a\u0000": 1 }))).toEqual(["submissions.0.hyperparameters: a key must not contain the NUL character (U+0000)"]);
  });

  test("text fields refuse NUL and lone surrogates, which PostgreSQL cannot store as sent", () => {
    expect(issues({ round: "r", submissions: [{ slug: "s", displayName: "a\u0000b" }], runs: [run] })).toEqual([
      "submissions.0.displayName: must not contain the NUL character (U+0000)",
    ]);
    expect(issues({ round: "r", runs: [{ ...run, notes: "x\uD800y" }] })).toEqual(["runs.0.notes: must be valid Unicode (a lone surrogate was sent)"]);
    expect(issues({ round: "r", runs: [{ ...run, hardware: "8x 🚀 V100 <script>" }] })).toEqual([]);
  });
});

describe("numbers fit the database columns they are stored in", () => {
  // A schema that lets through an integer its column cannot hold turns bad
  // input into a database error instead of a 400. The column types are read
  // from prisma/schema.prisma (Int = PostgreSQL integer, 32-bit; BigInt = 64-bit).
  // A number inside a Json column (jsonb numeric) has no fixed width; JavaScript's safe integers are the bound.
  const RANGE = { Int: 2_147_483_647, BigInt: Number.MAX_SAFE_INTEGER, Json: Number.MAX_SAFE_INTEGER } as const;
  /** Where each integer field of the upload body is stored. */
  const COLUMN: Record<string, [model: string, field: string]> = {
    study: ["Run", "study"],
    trial: ["Run", "trial"],
    position: ["Run", "position"],
    steps: ["Run", "steps"],
    // An eval step is packed as a little-endian Int32 into RunEvals.steps (bytea, lib/db/eval-columns.ts): the range of Run.steps.
    "[items]": ["Run", "steps"],
    firstHitIndex: ["Run", "firstHitIndex"],
    searchRank: ["Submission", "searchRank"],
    gpuCount: ["Run", "provenance"],
    cpuCount: ["Run", "provenance"],
    seed: ["Run", "provenance"],
  };
  const prismaSchema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
  function columnMax(model: string, field: string): number {
    const body = new RegExp(`model ${model} \\{([^}]*)\\}`).exec(prismaSchema)?.[1] ?? "";
    const type = new RegExp(`^\\s*${field}\\s+(\\w+)`, "m").exec(body)?.[1];
    if (type !== "Int" && type !== "BigInt" && type !== "Json") throw new Error(`${model}.${field}: column type ${type} is not an integer`);
    return RANGE[type];
  }

  /** Integers whose JSON Schema maximum is missing or above their column's range. */
  function tooWide(schema: unknown, path: string[] = [], out: string[] = []): string[] {
    if (!schema || typeof schema !== "object") return out;
    const s = schema as JsonSchema & { maximum?: number };
    if ([s.type].flat().includes("integer")) {
      const column = COLUMN[path.at(-1) ?? ""];
      if (!column) out.push(`${path.join(".")}: integer with no column listed in this test`);
      else if (s.maximum === undefined || s.maximum > columnMax(...column))
        out.push(`${path.join(".")}: up to ${s.maximum ?? "unbounded"}, column ${column.join(".")} holds at most ${columnMax(...column)}`);
    }
    for (const [k, v] of Object.entries(s)) {
      if (k === "properties" && v && typeof v === "object") for (const [p, sub] of Object.entries(v)) tooWide(sub, [...path, p], out);
      else if (k === "items") tooWide(v, [...path, "[items]"], out);
      else if ((k === "anyOf" || k === "oneOf" || k === "allOf") && Array.isArray(v)) v.forEach((sub) => tooWide(sub, path, out));
    }
    return out;
  }

  test("every integer of the upload body has a maximum its database column can hold (walks the schema)", () => {
    expect(tooWide(jsonSchema(uploadSchema))).toEqual([]);
  });
});
