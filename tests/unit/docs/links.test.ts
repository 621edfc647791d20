// Relative links between README.md and docs/*.md resolve: the file exists
// and, for `#anchor`, the target Markdown file has a heading with that
// GitHub slug. The README points into docs/ for every topic, so a moved or
// renamed section must not leave a dead link behind.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const root = path.resolve(__dirname, "../../..");
const documents = [
  "README.md",
  ...readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchor: lowercase, punctuation removed (but `-` and `_`), spaces → `-`. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/ /g, "-");
}

/** Markdown text without fenced code blocks and inline code (links there are not links). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Anchors of a Markdown file's headings; repeated headings get -1, -2, … as on GitHub. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Relative links `[text](target)` of a Markdown file (not http(s), mailto or site paths). */
function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(?:[a-z]+:|\/)/i.test(t));
}

describe("links between README.md and docs/*.md", () => {
  test("the slug follows GitHub's rules", () => {
    expect(slug("Performance at scale")).toBe("performance-at-scale");
    expect(slug("Query plans (EXPLAIN ANALYZE, 1,038,717 runs, 132 rounds)")).toBe("query-plans-explain-analyze-1038717-runs-132-rounds");
    expect(slug("How to add …")).toBe("how-to-add-");
    expect(slug("The `evals` field")).toBe("the-evals-field");
    expect([...anchors("# A\n## A\n```\n# not a heading\n```\n")]).toEqual(["a", "a-1"]);
  });

  test("every relative link points to an existing file, and every anchor to a heading of it", () => {
    const broken: string[] = [];
    for (const doc of documents) {
      for (const target of links(readFileSync(path.join(root, doc), "utf8"))) {
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved = file ? path.normalize(path.join(path.dirname(doc), decodeURIComponent(file))) : doc;
        const full = path.join(root, resolved);
        if (!existsSync(full)) {
          broken.push(`${doc}: ${target} (no file ${resolved})`);
          continue;
        }
        if (anchor === undefined || anchor === "") continue;
        if (statSync(full).isDirectory() || !resolved.endsWith(".md")) {
          broken.push(`${doc}: ${target} (an anchor into a file that is not Markdown)`);
          continue;
        }
        if (!anchors(readFileSync(full, "utf8")).has(anchor)) broken.push(`${doc}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test("the README links to every page under docs/", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const linked = new Set(links(readme).map((t) => path.normalize(t.split("#")[0]!)));
    expect(documents.filter((d) => d.startsWith("docs/") && !linked.has(d))).toEqual([]);
  });
});
