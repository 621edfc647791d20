// The CLI summary line of what the folder reader skipped (upload and score).
/** What the reader skipped, as the official reader skips it (docs/log-reader.md): the count and the first paths. */
export function skippedSummary(skipped: readonly string[], first = 10): string[] {
  if (skipped.length === 0) return [];
  const out = [`Warning: skipped ${skipped.length} folder(s) that the official scorer also skips or merges (docs/log-reader.md):`];
  for (const s of skipped.slice(0, first)) out.push(`  ${s}`);
  if (skipped.length > first) out.push(`  ... and ${skipped.length - first} more (--json lists them all)`);
  return out;
}
