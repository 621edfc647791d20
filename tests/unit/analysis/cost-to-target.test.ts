// GPU-hours to target on a hand-made round (docs/analysis-tuning.md "Cost to target").
import { describe, expect, test } from "vitest";
import { costView, trialGpuHours, type CostTrial } from "../../../lib/scoring/analysis";

const V100x8 = "8x Tesla V100-SXM2-16GB";
const hit = (index: number, time: number, gpus = 8, hardware: string | null = V100x8): CostTrial => ({
  hitIndex: index,
  hitTime: time,
  lastEvalTime: time * 2,
  gpuCount: gpus,
  hardware,
});
const miss = (last: number, gpus = 8, hardware: string | null = V100x8): CostTrial => ({
  hitIndex: null,
  hitTime: null,
  lastEvalTime: last,
  gpuCount: gpus,
  hardware,
});

describe("costView", () => {
  test("a hit costs its time to target, a missed trial its full run (last eval), × GPUs", () => {
    expect(trialGpuHours(hit(3, 3600))).toBe(8);
    expect(trialGpuHours(miss(7200))).toBe(16);
    expect(trialGpuHours({ ...miss(7200), gpuCount: null })).toBeNull();
  });

  test("per study, per workload and per submission on a hand-made round", () => {
    const view = costView(
      [
        {
          name: "tuned",
          studies: {
            // Study 0: best = trial 1 (index 2 < 5) at 1800 s; the miss ran 5400 s.
            // Study 1: best = trial 0 (index 1) at 900 s.
            // Study 2: no hit.
            mnist: [
              [hit(5, 1200), hit(2, 1800), miss(5400)],
              [hit(1, 900), hit(4, 3600), miss(3600)],
              [miss(1800), miss(1800), miss(1800)],
            ],
          },
        },
        { name: "free", studies: { mnist: [[hit(0, 450, 1)], [hit(0, 900, 1)], [miss(3600, 1)]] } },
      ],
      2.5,
    );
    const tuned = view.members[0]!;
    const mnist = tuned.workloads[0]!;
    // Median of study bests {1800, 900, inf} = 1800 s on 8 GPUs = 4 GPU-h.
    expect(mnist.toTarget).toBe(4);
    // Study 0: (1200 + 1800 + 5400) s × 8 / 3600; study 1: (900 + 3600 + 3600) × 8 / 3600; study 2: 5400 × 8 / 3600.
    [(8400 * 8) / 3600, (8100 * 8) / 3600, (5400 * 8) / 3600].forEach((want, i) => expect(mnist.perStudy[i]).toBeCloseTo(want, 12));
    expect(tuned.total).toBeCloseTo(((8400 + 8100 + 5400) * 8) / 3600, 12);
    expect(tuned.price).toBeCloseTo(tuned.total! * 2.5, 12);
    const free = view.members[1]!;
    expect(free.workloads[0]!.toTarget).toBe(900 / 3600);
    expect(free.total).toBeCloseTo((450 + 900 + 3600) / 3600, 12);
    expect(view.ranking).toEqual(["free", "tuned"]);
    expect(view.mixedHardware).toBe(false);
  });

  test("a workload that no study median reaches costs +inf to target; unknown GPUs make costs unknown; mixed hardware is flagged", () => {
    const view = costView(
      [
        { name: "a", studies: { w: [[miss(100)], [miss(100)], [hit(0, 10)]] } },
        { name: "b", studies: { w: [[{ ...hit(0, 10), gpuCount: null }]] } },
        { name: "c", studies: { w: [[hit(0, 10, 4, "4x A100")]] } },
      ],
      null,
    );
    expect(view.members[0]!.workloads[0]!.toTarget).toBe(Infinity);
    expect(view.members[0]!.price).toBeNull();
    expect(view.members[1]!.workloads[0]!.toTarget).toBeNull();
    expect(view.members[1]!.total).toBeNull();
    expect(view.ranking).toEqual(["c", "a", "b"]);
    expect(view.mixedHardware).toBe(true);
    expect(view.members[2]!.hardware).toEqual(["4x A100"]);
  });
});
