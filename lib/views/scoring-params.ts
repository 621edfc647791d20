// The scoring settings a URL may carry, with their limits, defined once for
// both query formats: a leaderboard view (`add`/`remove`, lib/views/parse-query.ts)
// and a scores query (`pool=a,b`, lib/server/schemas/scores.ts).
import { z } from "zod";
import { INTEGRATIONS, SCALES } from "./query";

/** Upper end of the tau grid (docs/scoring.md §4.3: 4 officially). */
export const tauMaxParam = z.number({ error: "expected a number" }).gt(1, { error: "must be greater than 1" }).max(1000);
/** Points of the tau grid (docs/scoring.md §4.3: 100 officially). */
export const pointsParam = z.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(2).max(10_000);
export const scaleParam = z.enum(SCALES, { error: `expected one of ${SCALES.join(", ")}` });
export const integrationParam = z.enum(INTEGRATIONS, { error: `expected one of ${INTEGRATIONS.join(", ")}` });
