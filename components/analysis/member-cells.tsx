import { fixed } from "@/components/analysis/format";

/** The first three cells of a ranked member's row in the analysis tables (rank, name, score), written once for every such table. */
export function RankedMemberCells({ rank, name, score, digits }: { rank: number; name: string; score: number; digits: number }) {
  return (
    <>
      <td className="num py-1">{rank}</td>
      <td>{name}</td>
      <td className="num text-right">{fixed(score, digits)}</td>
    </>
  );
}
