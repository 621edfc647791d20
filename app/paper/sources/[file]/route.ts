// GET /paper/sources/README.md | PAPER_NOTES.md – the notes on where the published figures come from, as plain text.
import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-dynamic";

// Only these files: the folder also holds the large data files, served nowhere.
const FILES = new Set(["README.md", "PAPER_NOTES.md"]);

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!FILES.has(file)) {
    return Response.json(
      {
        error: {
          code: "NOT_FOUND",
          message: `unknown source "${file}"; sources: ${[...FILES].join(", ")}`,
          issues: [{ path: "file", message: "not a published source note" }],
        },
      },
      { status: 404 },
    );
  }
  const text = await readFile(path.join(process.cwd(), "data", "published", file), "utf8");
  return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
