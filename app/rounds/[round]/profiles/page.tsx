// /rounds/<round>/profiles: performance profiles of the view in the URL.
import type { Metadata } from "next";
import { ProfilesView } from "@/components/profiles/profiles-view";
import { db } from "@/lib/db/client";
import { pageResult } from "@/lib/server/page-result";
import { citationOf } from "@/lib/server/pages/citation";
import { pickerRounds } from "@/lib/server/services/catalog";
import { getLeaderboard } from "@/lib/server/services/leaderboard";
import { parseViewQuery } from "@/lib/views/parse-query";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ round: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { round } = await params;
  return { title: `Performance profiles · ${round}` };
}

export default async function ProfilesPage({ params, searchParams }: Props) {
  const { round } = await params;
  const { query, issues } = parseViewQuery(await searchParams);
  const database = db();
  const [rounds, result] = await Promise.all([pickerRounds(database, round), pageResult(() => getLeaderboard(database, round, query))]);
  return <ProfilesView round={round} query={query} issues={issues} rounds={rounds} result={result} citation={() => citationOf(round)} />;
}
