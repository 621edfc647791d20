// GET /api/v1/schema/upload.json – the upload format as JSON Schema (draft 2020-12), generated from
// the zod schema the server validates with (lib/ingest/upload-schema.ts).
import { uploadJsonSchema } from "@/lib/ingest/upload-schema";

export const dynamic = "force-static";

export function GET() {
  return new Response(JSON.stringify(uploadJsonSchema(), null, 2), { headers: { "content-type": "application/schema+json; charset=utf-8" } });
}
