import { listRounds } from "@/lib/server/services/catalog";
import { createTRPCRouter, publicProcedure } from "@/lib/server/trpc";

export const roundsRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listRounds(ctx.db)),
});
