// numpy's float64 summation orders, mirrored so sums are bit-identical.

/**
 * numpy's pairwise summation (`pairwise_sum` in numpy's umath loops), used by
 * np.add.reduce over a contiguous axis (docs/scoring.md §5.3, single submission):
 * below 8 terms a plain loop from 0; up to 128 terms 8 strided accumulators
 * combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder in
 * order; above 128 a split at n/2 rounded down to a multiple of 8.
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, n = values.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => values[start + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j]! += values[start + i + j]!;
    }
    const [r0, r1, r2, r3, r4, r5, r6, r7] = r as [number, number, number, number, number, number, number, number];
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
}

/** Strict left-to-right sum from 0 (np.add.reduce along a strided axis, §5.3). */
export function sequentialSum(values: ArrayLike<number>): number {
  let res = 0;
  for (let i = 0; i < values.length; i++) res += values[i]!;
  return res;
}
