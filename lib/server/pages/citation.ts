// The version a page of a round shows, for its permalink and citation
// controls (components/cite/cite-this-view.tsx): read here so that the
// component does not read the database. Null when the round cannot be read
// (the page reports that itself).
import "server-only";
import { db } from "@/lib/db/client";
import { asAppError } from "@/lib/server/errors";
import { viewVersion, type ViewVersion } from "@/lib/server/services/view-version";

export async function citationOf(round: string): Promise<ViewVersion | null> {
  try {
    return await viewVersion(db(), { round });
  } catch (error) {
    if (asAppError(error)) return null;
    throw error;
  }
}
