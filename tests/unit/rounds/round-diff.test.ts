// What changed from the previous version of the same ruleset: the published v0.5 and v0.6 self-tuning rounds.
import { describe, expect, test } from "vitest";
import { algoperfRounds } from "@/ingest/published/algoperf";
import { algoperfLeaderboardsFile } from "@/ingest/published/files";
import { previousRound, roundChanges } from "@/lib/rounds/round-diff";
import leaderboards from "@/data/published/algoperf_leaderboards.json";

const rounds = algoperfRounds(algoperfLeaderboardsFile.parse(leaderboards)).map((r) => ({ ...r, hardware: r.hardware ?? null }));
const bySlug = (slug: string) => rounds.find((r) => r.slug === slug)!;

describe("round changes", () => {
  test("v0.6 self-tuning against v0.5 self-tuning (docs/scoring.md §6)", () => {
    const cur = bySlug("algoperf-v0.6-self-tuning");
    const prev = previousRound(rounds, cur)!;
    expect(prev.slug).toBe("algoperf-v0.5-self-tuning");
    const changes = roundChanges(prev, cur);
    expect(changes.slice(0, 3)).toEqual([
      "budget factor × 3 → × 1.5",
      "studies × trials 5 × 1 → 3 × 1",
      "workloads dropped: criteo1tb_embed_init, fastmri_tanh, imagenet_resnet_large_bn_init, librispeech_conformer_layernorm, ogbg_model_size, wmt_glu_tanh",
    ]);
    expect(changes).toContain("fastmri budget 8859 s → 4430 s");
    expect(changes).not.toContain(expect.stringContaining("criteo1tb budget"));
    expect(changes.filter((c) => c.includes("target"))).toEqual([]);
  });

  test("the first version has no previous round", () => {
    expect(previousRound(rounds, bySlug("algoperf-v0.5-external"))).toBeNull();
  });
});
