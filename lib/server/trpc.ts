/**
 * tRPC for the whole app, in three parts: 1. context, 2. initialisation and
 * error shape, 3. procedure builders. Routers stay thin and call services.
 *
 * No data transformer: every input and output is plain JSON, so runners can
 * call procedures with curl or Python `requests` without a tRPC client.
 */
import { initTRPC } from "@trpc/server";
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";

// 1. Context -----------------------------------------------------------------

export interface Context {
  db: Db;
  headers: Headers;
}

export function createContext(opts: { headers: Headers }): Context {
  return { db: db(), headers: opts.headers };
}

// 2. Initialisation ----------------------------------------------------------

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // One error shape for every client: zod issues flattened to "path: reason".
    const cause = error.cause;
    const issues =
      cause instanceof z.ZodError
        ? cause.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message, code: i.code }))
        : null;
    return { ...shape, data: { ...shape.data, issues } };
  },
});

// 3. Router and procedures ---------------------------------------------------

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
