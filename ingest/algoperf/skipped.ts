// The CLI summary line of what the folder reader skipped (upload and score).
/**
 * What the reader skipped, as the official reader skips it (docs/log-reader.md):
 * the count per rule and the first paths, the first of each rule ahead of the
 * rest, so that a rare reason (a variant the round does not list, R12) is not
 * hidden behind hundreds of trials without a CSV (R6).
 */
export function skippedSummary(skipped: readonly string[], first = 10): string[] {
  if (skipped.length === 0) return [];
  const byRule = new Map<string, number[]>();
  skipped.forEach((s, i) => {
    const rule = /\((R\d+)\)/.exec(s)?.[1] ?? "other";
    const at = byRule.get(rule);
    if (at) at.push(i);
    else byRule.set(rule, [i]);
  });
  const counts = byRule.size > 1 ? `: ${[...byRule].map(([rule, at]) => `${at.length} × ${rule}`).join(", ")}` : "";
  const out = [`Warning: skipped ${skipped.length} folder(s) that the official scorer also skips or merges (docs/log-reader.md)${counts}:`];
  const leads = [...byRule.values()].map((at) => at[0]!);
  const shown = [...new Set([...leads, ...skipped.keys()])].slice(0, first).sort((a, b) => a - b);
  for (const i of shown) out.push(`  ${skipped[i]}`);
  if (skipped.length > shown.length) out.push(`  ... and ${skipped.length - shown.length} more (--json lists them all)`);
  return out;
}
