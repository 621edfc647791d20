// Seeded randomness for the bootstrap: results must be identical for the same
// seed on every machine, and independent of the pool a cell is scored in.
import { randomInt, randomLcg } from "d3";

/**
 * 32-bit FNV-1a of a string: turns (seed, submission, workload) into the seed
 * of that cell's own generator, so a cell's resampled studies depend only on
 * the seed and the cell, not on which other submissions are in the pool.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Uniform integers in [0, n) from d3's randomLcg (d3-random, already a
 * dependency through d3): a 32-bit linear congruential generator whose
 * arithmetic is exact in doubles, so the stream is the same on every
 * platform and Node version. randomInt takes floor(n * u), i.e. the high
 * bits, which are the good bits of an LCG; the bias for n <= 10 is below
 * 10 / 2^32. A bootstrap needs reproducible, roughly uniform indices, not
 * cryptographic quality, and this adds no dependency to the scoring core.
 */
export function seededIndex(seed: number, n: number): () => number {
  // randomLcg treats seeds in [0, 1) as fractions of 2^32: pass the integer state.
  return randomInt.source(randomLcg(seed >>> 0))(0, n);
}
