// /submissions/<slug>: slugs are unique per round only. One match redirects
// to /rounds/<round>/submissions/<slug>; several are listed to choose from.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { roundsWithSubmission } from "@/lib/server/services/submissions";
import { routes } from "@/lib/views/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submission" };

export default async function SubmissionBySlug({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const matches = await roundsWithSubmission(db(), slug);
  if (matches.length === 0) notFound();
  if (matches.length === 1) redirect(routes.submission(matches[0]!.round, slug));
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">
        <code>{slug}</code> is in {matches.length} rounds
      </h1>
      <ul className="list-disc pl-6 text-sm" data-choices>
        {matches.map((m) => (
          <li key={m.round}>
            <Link href={routes.submission(m.round, slug)} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
              {m.displayName}
            </Link>{" "}
            in {m.roundName}
          </li>
        ))}
      </ul>
    </div>
  );
}
