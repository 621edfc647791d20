// `seed` and `resamples` of the bootstrap endpoints (uncertainty, robustness,
// compare, speedups): one definition of their limits and defaults.
import { z } from "zod";
import { BOOTSTRAP_DEFAULTS } from "@/lib/scoring/analysis";

export const resampleFields = {
  seed: z.number().int().min(0).max(0xffffffff).default(BOOTSTRAP_DEFAULTS.seed),
  resamples: z.number().int().min(10).max(10_000).default(BOOTSTRAP_DEFAULTS.resamples),
};
export const RESAMPLE_NUMBERS = ["seed", "resamples"] as const;
