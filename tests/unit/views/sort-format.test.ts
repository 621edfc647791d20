// Sorting and number formats of the tables.
import { expect, test } from "vitest";
import type { CellStatus } from "@/lib/scoring";
import { formatDelta, formatFraction, formatRatio, formatScore, formatSeconds, scoreDigits, shortFamily } from "@/lib/views/format";
import { toCsv } from "@/lib/views/csv";
import { flattenRecord } from "@/lib/views/records";
import { sortRows } from "@/lib/views/sort";

const row = (rank: number, name: string, score: number, cell: { ratio: number; time: number; status: CellStatus }) => ({
  rank,
  displayName: name,
  family: null,
  baseAlgorithm: null,
  horizon: null,
  score,
  targetsHit: 0,
  cells: { w: cell },
});

test("sorting by a workload puts counted cells by ratio and every miss last, in both directions", () => {
  const rows = [
    row(1, "a", 0.9, { ratio: Infinity, time: Infinity, status: "not_reached" }),
    row(2, "b", 0.8, { ratio: 1.5, time: 15, status: "hit" }),
    row(3, "c", 0.7, { ratio: 1, time: 10, status: "hit" }),
    row(4, "d", 0.6, { ratio: Infinity, time: 50, status: "over_4x" }),
  ];
  expect(sortRows(rows, "w:w", "asc").map((r) => r.displayName)).toEqual(["c", "b", "d", "a"]);
  expect(sortRows(rows, "w:w", "desc").map((r) => r.displayName)).toEqual(["b", "c", "d", "a"]);
  expect(sortRows(rows, "score", undefined).map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  expect(sortRows(rows, "name", "desc").map((r) => r.displayName)).toEqual(["d", "c", "b", "a"]);
  expect(sortRows(rows, undefined, undefined)).toEqual(rows);
});

test("formats: scores to the published precision, misses as a dash, signed changes", () => {
  expect(scoreDigits("seconds")).toBe(4);
  expect(scoreDigits("budget_fraction")).toBe(3);
  expect(formatScore(0.49812, 3)).toBe("0.498");
  expect(formatScore(NaN, 3)).toBe("–");
  expect(formatRatio(Infinity)).toBe("–");
  expect(formatSeconds(5042.69)).toBe("5,043");
  expect(formatSeconds(42.04)).toBe("42.0");
  expect(formatFraction(0.2844)).toBe("0.284");
  expect(formatDelta(-0.0201, 3)).toBe("−0.020");
  expect(formatDelta(0.00001, 3)).toBe("0.000");
  expect(shortFamily("learning-rate-free: learning-rate tuner (online learning)")).toBe("LR-free: learning-rate tuner");
});

test("CSV quotes what needs quoting and writes non-finite numbers like the JSON", () => {
  expect(
    toCsv(
      ["a", "b"],
      [
        ["x,y", Infinity],
        ['say "hi"', NaN],
        [null, 1.5],
      ],
    ),
  ).toBe('a,b\n"x,y",inf\n"say ""hi""",nan\n,1.5\n');
});

test("free-form records become text rows with dotted keys", () => {
  expect(flattenRecord({ lr: 0.001, betas: [0.9, 0.999], schedule: { kind: "cosine", warmup: 0.05 }, note: "<b>x</b>" })).toEqual([
    ["lr", "0.001"],
    ["betas", "0.9, 0.999"],
    ["schedule.kind", "cosine"],
    ["schedule.warmup", "0.05"],
    ["note", "<b>x</b>"],
  ]);
  expect(flattenRecord(null)).toEqual([]);
});
