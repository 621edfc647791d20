// docs/scoring.md §2: from trials to one time per (submission, workload).
import { describe, expect, test } from "vitest";
import { bestTrialIndex, numpyMedian, poolFromRound, scorePool, studyTime, workloadFromDirectory, workloadTime } from "../../../lib/scoring";
import type { RoundTrials } from "../../../lib/scoring";

const hit = (hitIndex: number, hitTime: number) => ({ hitIndex, hitTime });
const miss = { hitIndex: null, hitTime: null };

describe("§2.2 best trial of a study", () => {
  test("§2.2 the smallest first-hit eval index wins, not the smallest time", () => {
    expect(studyTime([hit(5, 100), hit(3, 120)])).toBe(120);
  });

  test("§2.2 ties on the index go to the first trial in listing order", () => {
    expect(bestTrialIndex([miss, hit(3, 130), hit(3, 110)])).toBe(1);
    expect(studyTime([hit(3, 130), hit(3, 110)])).toBe(130);
    expect(studyTime([hit(3, 110), hit(3, 130)])).toBe(110);
  });

  test("§2.2 a study where no trial hits gets +inf", () => {
    expect(studyTime([miss, miss])).toBe(Infinity);
    expect(bestTrialIndex([miss])).toBe(-1);
  });

  test("§2.2 our extension: a hitting trial without an eval index makes the study pick the smallest time", () => {
    expect(studyTime([hit(2, 150), { hitIndex: null, hitTime: 140 }, hit(1, 160)])).toBe(140);
    expect(
      studyTime([
        { hitIndex: null, hitTime: 140 },
        { hitIndex: null, hitTime: 140 },
      ]),
    ).toBe(140);
  });

  test("§2.2 a hit index without a hit time is rejected", () => {
    expect(() => studyTime([{ hitIndex: 4, hitTime: null }])).toThrow(/hit index 4 but no hit time/);
  });
});

describe("§2.3 median over studies (np.median)", () => {
  test("§2.3 odd count: the middle value", () => {
    expect(numpyMedian([30, 10, 20])).toBe(20);
  });

  test("§2.3 even count: the mean of the two middle values", () => {
    expect(numpyMedian([10, 40, 20, 30])).toBe(25);
  });

  test("§2.3 inf takes part: v0.5's 5 studies need 3 successes, v0.6's 3 need 2", () => {
    expect(numpyMedian([10, 20, 30, Infinity, Infinity])).toBe(30);
    expect(numpyMedian([10, 20, Infinity, Infinity, Infinity])).toBe(Infinity);
    expect(numpyMedian([10, 20, Infinity])).toBe(20);
    expect(numpyMedian([10, Infinity, Infinity])).toBe(Infinity);
  });

  test("§2.3 even count with inf in the middle pair gives inf", () => {
    expect(numpyMedian([10, Infinity])).toBe(Infinity);
    expect(numpyMedian([10, 20, Infinity, Infinity])).toBe(Infinity);
    expect(numpyMedian([10, 20, 30, Infinity])).toBe(25);
  });

  test("§2.3 any NaN gives NaN; §2.7 no studies gives NaN", () => {
    expect(numpyMedian([10, NaN, 20])).toBeNaN();
    expect(numpyMedian([])).toBeNaN();
  });

  test("§2.3 per-workload time = median of the per-study best trials", () => {
    const studies = [
      [hit(9, 90), hit(4, 95)],
      [miss, hit(7, 70)],
      [miss, miss],
    ];
    // study times 95, 70, inf → median 95
    expect(workloadTime(studies)).toBe(95);
  });

  test("§2.4 self-tuning: one trial per study goes through the same code", () => {
    expect(workloadTime([[hit(3, 300)], [hit(2, 100)], [miss], [hit(5, 200)], [miss]])).toBe(300);
  });

  test("§2.5 study and trial counts are not enforced (strict=False): whatever is present is scored", () => {
    // 2 studies (not 3 or 5) with 1 and 3 trials (not 5).
    expect(workloadTime([[hit(4, 40)], [miss, hit(6, 60), miss]])).toBe(50);
  });

  test("§2.1 a study without trials does not exist", () => {
    expect(workloadTime([[hit(3, 300)], [], [hit(1, 100)]])).toBe(200);
    expect(workloadTime([[]])).toBeNaN();
  });
});

describe("§2.6–§2.7 from a round's trials to times", () => {
  const trial = (name: string, hit_index: number | null, hit_time: number | null) => ({ trial: name, hit_index, hit_time });

  test("§2.6 the framework suffix is stripped, only at the end", () => {
    expect(workloadFromDirectory("imagenet_resnet_jax")).toBe("imagenet_resnet");
    expect(workloadFromDirectory("ogbg_pytorch")).toBe("ogbg");
    expect(workloadFromDirectory("wmt_jax_pytorch")).toBe("wmt_jax");
    expect(workloadFromDirectory("wmt")).toBe("wmt");
  });

  test("§2.6 the same workload in both frameworks is an error naming both directories", () => {
    const round: RoundTrials = {
      base_workloads: ["wmt"],
      held_out_workloads: [],
      submissions: {
        sub: {
          wmt_jax: { study_0: [trial("trial_1", 3, 30)] },
          wmt_pytorch: { study_0: [trial("trial_1", 2, 20)] },
        },
      },
    };
    expect(() => poolFromRound(round)).toThrow(/"sub".*"wmt".*"wmt_jax".*"wmt_pytorch"/);
  });

  test("§2.7 a workload without logs is NaN (no data), not inf", () => {
    const round: RoundTrials = {
      base_workloads: ["a", "b"],
      held_out_workloads: [],
      submissions: {
        full: { a_jax: { study_0: [trial("trial_1", 1, 10)] }, b_jax: { study_0: [trial("trial_1", 1, 10)] } },
        partial: { a_pytorch: { study_0: [trial("trial_1", 2, 20)] } },
      },
    };
    const pool = poolFromRound(round);
    expect(pool.submissions.map((s) => s.name)).toEqual(["full", "partial"]);
    expect(pool.submissions[1]!.times).toEqual({ a: 20 });
    const cell = scorePool(pool).cells.partial!.b!;
    expect(cell.status).toBe("no_data");
    expect(cell.time).toBeNaN();
    expect(cell.ratio).toBeNaN();
  });
});
