// The flag of a mixed pool (allowMixed=1, docs/hosting-a-round.md) on a page:
// which rounds, the shared workloads the scores use, the dropped ones.
import { Notice } from "@/components/ui/notice";
import { mixedSentence, type MixedFlag } from "@/lib/views/mixed-pool";

export function MixedPoolNotice({ mixed }: { mixed: MixedFlag | null | undefined }) {
  if (!mixed) return null;
  return (
    <div data-mixed-pool>
      <Notice tone="warning" title={mixedSentence(mixed)} />
    </div>
  );
}
