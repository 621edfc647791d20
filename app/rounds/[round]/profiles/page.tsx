// /rounds/<round>/profiles: performance profiles of the view in the URL.
import type { Metadata } from "next";
import { ProfilesView } from "@/components/profiles/profiles-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ round: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { round } = await params;
  return { title: `Performance profiles · ${round}` };
}

export default async function ProfilesPage({ params, searchParams }: Props) {
  const { round } = await params;
  return <ProfilesView round={round} searchParams={await searchParams} />;
}
