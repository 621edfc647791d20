import { createCallerFactory, createTRPCRouter } from "@/lib/server/trpc";
import { roundsRouter } from "./rounds";

export const appRouter = createTRPCRouter({
  rounds: roundsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
