// GET /api/v1/rounds/<round>/submissions/<slug>/evals?format=json|csv – the uploaded eval series of every run (CSV: one row per eval,
// streamed one run at a time).
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/server/errors";
import { csvResponse, jsonResponse, requestedFormat } from "@/lib/server/responses";
import { evalSlices, getSubmission } from "@/lib/server/services/submissions";
import { evalsCsvChunks } from "@/lib/views/csv-tables/submission";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ round: string; slug: string }> }) {
  try {
    const { round, slug } = await params;
    const format = requestedFormat(new URL(req.url));
    if (format === "csv") return csvResponse(streamOf(evalsCsvChunks(await evalSlices(db(), round, slug))), `${round}-${slug}-evals.csv`);
    const view = await getSubmission(db(), round, slug);
    return jsonResponse({ round: round, submission: slug, runs: view.evals });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Text chunks as a byte stream, pulled as the client reads. */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
