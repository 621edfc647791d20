// GET /badges/<round>/<slug>.svg – the submission's rank and score in the
// round's default pool as a small SVG, linking to the view pinned at the
// version it shows (docs/feeds-and-badges.md). An unknown round or slug is a
// 404: JSON when the client asks for it, else a "not found" badge, so an
// embedded image shows why.
import { db } from "@/lib/db/client";
import { asAppError, errorResponse } from "@/lib/server/errors";
import { versionedResponse } from "@/lib/server/http/versioned-response";
import { submissionBadge } from "@/lib/server/services/badges";
import { badgeSpec, missingBadgeSpec } from "@/lib/views/badges/badge-content";
import { badgeSvg } from "@/lib/views/badges/badge-svg";

export const dynamic = "force-dynamic";

const SVG = "image/svg+xml; charset=utf-8";

export async function GET(req: Request, { params }: { params: Promise<{ round: string; file: string }> }) {
  const { round, file } = await params;
  const wantsJson = (req.headers.get("accept") ?? "").includes("application/json");
  try {
    if (!file.endsWith(".svg")) {
      return notFound(req, wantsJson, `a badge's address ends in .svg: /badges/${round}/<slug>.svg`);
    }
    const badge = await submissionBadge(db(), { round, slug: file.slice(0, -".svg".length) });
    return versionedResponse(req, { body: badgeSvg(badgeSpec(badge)), contentType: SVG, etagOf: `badge\u0000${round}\u0000${file}\u0000${badge.version}` });
  } catch (error) {
    const app = asAppError(error);
    if (app?.code === "NOT_FOUND" && !wantsJson) return notFound(req, false, app.message);
    return errorResponse(error);
  }
}

function notFound(req: Request, wantsJson: boolean, message: string): Response {
  if (wantsJson) return Response.json({ error: { code: "NOT_FOUND", message, issues: [{ path: "slug", message }] } }, { status: 404 });
  return versionedResponse(req, { body: badgeSvg(missingBadgeSpec(message)), contentType: SVG, etagOf: `missing\u0000${message}`, status: 404 });
}
