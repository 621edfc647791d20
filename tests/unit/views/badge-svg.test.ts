// The badge SVG: well-formed whatever the text, names escaped, accessible.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect, test } from "vitest";
import { badgeSvg } from "@/lib/views/badges/badge-svg";
import { badgeSnippets } from "@/lib/views/badges/badge-content";

const hostile = `<script>alert(1)</script>&"' ]]>`;

test("hostile text in every field stays text: the SVG is well-formed and reads back the same", () => {
  const svg = badgeSvg({ label: hostile, message: hostile, color: `"><script>`, title: hostile, href: `/rounds/x?at=1&"><script>` });
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toContain("<script");
  const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg).svg;
  expect(root.title).toBe(hostile);
  expect(root["aria-label"]).toBe(hostile);
  expect(root.role).toBe("img");
  expect(root.a.href).toBe(`/rounds/x?at=1&"><script>`);
  expect(root.a.rect[1].fill).toBe("#9f9f9f");
});

test("the snippets link the badge to the pinned view and escape the name", () => {
  const s = badgeSnippets("https://lb.example.org", {
    round: { slug: "r1", name: "Round [1]" },
    slug: "opt",
    displayName: `a<b>"c"`,
    version: 9,
    state: "ranked",
    rank: 2,
    poolSize: 5,
    scoreText: "0.5000",
  });
  expect(s.markdown).toBe(
    '[![a<b>"c" on the AlgoPerf Leaderboard (Round \\[1\\])](https://lb.example.org/badges/r1/opt.svg)](https://lb.example.org/rounds/r1?at=9)',
  );
  expect(s.html).toBe(
    '<a href="https://lb.example.org/rounds/r1?at=9"><img src="https://lb.example.org/badges/r1/opt.svg" alt="a&lt;b&gt;&quot;c&quot; on the AlgoPerf Leaderboard (Round [1])"></a>',
  );
});
