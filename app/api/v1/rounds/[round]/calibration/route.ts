// GET /api/v1/rounds/<round>/calibration?pool=a,b&k=3 (+ every scores parameter)
// – the paper's selection metric (geometric-mean time-to-target) and targets reached for every configuration, top k per algorithm x horizon.
import { readRoute } from "@/lib/server/http/read-route";
import { parseCalibrationParams } from "@/lib/server/schemas/analysis-calibration";
import { calibrationOfPool } from "@/lib/server/services/analysis-calibration";

export const dynamic = "force-dynamic";

export const GET = readRoute({
  path: ["round"],
  parse: parseCalibrationParams,
  load: ({ db, path, input }) => calibrationOfPool(db, path.round, input.query, input.k),
});
