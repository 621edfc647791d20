import { createCallerFactory, createTRPCRouter } from "@/lib/server/trpc";
import { adminRouter } from "./admin";
import { ingestRouter } from "./ingest";
import { roundsRouter } from "./rounds";

export const appRouter = createTRPCRouter({
  rounds: roundsRouter,
  ingest: ingestRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
