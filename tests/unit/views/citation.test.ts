// "Cite this view": the pinned URL keeps the view's parameters and sets `at`;
// BibTeX escapes its special characters; CSL-JSON carries the version and dates.
import { describe, expect, test } from "vitest";
import { bibtex, cslJson, pinnedUrl, type CitedView } from "@/lib/views/cite/citation";

const view: CitedView = {
  round: { slug: "paper-2505.24005", name: "Paper 100% {AdamW} & co_1" },
  version: 7,
  versionDate: "2026-03-04T10:00:00.000Z",
  url: "https://lb.example.org/rounds/paper-2505.24005?horizon=33&at=7",
  accessed: "2026-11-29T23:00:00.000Z",
};

describe("pinnedUrl", () => {
  test("adds at=<version> to the current query, keeping every parameter and dropping the fragment", () => {
    expect(pinnedUrl("https://h/rounds/r?horizon=33&horizon=50&add=x#top", 12, "r")).toBe("https://h/rounds/r?horizon=33&horizon=50&add=x&at=12");
    expect(pinnedUrl("https://h/analysis/r/speedups?pool=a%2Cb", 2, "r")).toBe("https://h/analysis/r/speedups?pool=a%2Cb&at=2");
    expect(pinnedUrl("https://h/paper?integration=exact", 2, "paper-2505.24005")).toBe("https://h/paper?integration=exact&at=2");
  });
  test("replaces an at= already there (the version the page shows)", () => {
    expect(pinnedUrl("https://h/rounds/r?at=2026-01-01&sort=score", 3, "r")).toBe("https://h/rounds/r?at=3&sort=score");
  });
  test("names the round when the address does not: the home page becomes the round's page, others get round=", () => {
    expect(pinnedUrl("https://h/?horizon=33", 4, "paper-2505.24005")).toBe("https://h/rounds/paper-2505.24005?horizon=33&at=4");
    expect(pinnedUrl("https://h/workloads/ogbg", 4, "p")).toBe("https://h/workloads/ogbg?round=p&at=4");
    expect(pinnedUrl("https://h/compare?round=q&a=x", 4, "q")).toBe("https://h/compare?round=q&a=x&at=4");
  });
});

describe("citations", () => {
  test("BibTeX: a @misc entry with the round, version, dates and URL; special characters escaped", () => {
    const b = bibtex(view);
    expect(b).toMatch(/^@misc\{algoperf-paper-2505-24005-v7,\n/);
    expect(b).toContain("title = {AlgoPerf Leaderboard: Paper 100\\% \\{AdamW\\} \\& co\\_1, version 7}");
    expect(b).toContain("year = {2026}");
    expect(b).toContain(`url = {${view.url}}`);
    expect(b).toContain("data version 7 of 2026-03-04; accessed 2026-11-29");
    // balanced braces: every field closes
    expect(b.replace(/\\[{}]/g, "").split("{").length).toBe(b.replace(/\\[{}]/g, "").split("}").length);
  });
  test("CSL-JSON: one dataset item with version, issued and accessed dates and the URL", () => {
    const [item] = JSON.parse(cslJson(view));
    expect(item).toMatchObject({
      type: "dataset",
      version: "7",
      URL: view.url,
      issued: { "date-parts": [[2026, 3, 4]] },
      accessed: { "date-parts": [[2026, 11, 29]] },
    });
    expect(item.title).toBe("AlgoPerf Leaderboard: Paper 100% {AdamW} & co_1, version 7");
  });
});
