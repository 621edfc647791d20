// /rounds/<round>: the leaderboard of a round for the view in the URL.
import type { Metadata } from "next";
import { RoundLeaderboard } from "./round-leaderboard";
import { routes } from "@/lib/views/routes";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ round: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { round } = await params;
  return { title: `Leaderboard · ${round}` };
}

export default async function RoundPage({ params, searchParams }: Props) {
  const { round } = await params;
  return <RoundLeaderboard round={round} path={routes.round(round)} searchParams={await searchParams} />;
}
