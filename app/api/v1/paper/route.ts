// GET /api/v1/paper?integration=exact|trapezoid&format=json|csv – Table 6 / Appendix F recomputed (36-configuration
// pool without and with the imported row), published values, Tables 4 and 5. Exact integration by default, as the paper.
import { readRoute } from "@/lib/server/http/read-route";
import { parsePaperParams } from "@/lib/server/schemas/paper";
import { getPaperView } from "@/lib/server/services/paper";
import { paperCsv } from "@/lib/views/csv-tables/paper";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  parse: parsePaperParams,
  load: ({ db, input }) => getPaperView(db, input.integration),
  csv: { file: ({ input }) => `paper-2505.24005-${input.integration}.csv`, table: paperCsv },
});
