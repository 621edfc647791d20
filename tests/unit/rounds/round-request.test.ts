// The JSON form of round create/update (lib/rounds/round-request.ts) and the
// upload window (lib/rounds/upload-window.ts): pure parts of hosting a round.
import { describe, expect, test } from "vitest";
import { createRoundInput, definitionFromRequest, problemIssue } from "@/lib/rounds/round-request";
import { RoundDefinitionError } from "@/lib/rounds/targets-file";
import { uploadWindowProblem, uploadWindowState } from "@/lib/rounds/upload-window";

describe("builder problems name the JSON field", () => {
  test.each([
    ["--studies: expected a positive integer", "studies", "studies: expected a positive integer"],
    ["--closes: must be after --opens", "closesAt", "closesAt: must be after --opens"],
    ["--budget finewebedu_lm: expected a positive number of seconds", "budgets.finewebedu_lm", "expected a positive number of seconds"],
    [
      'workloads.wmt: the base workload "wmt" has no target in the targets file',
      "targets.workloads.wmt",
      'the base workload "wmt" has no target in the targets file',
    ],
    ["targets: workloads.ogbg.validation_target_value: Invalid input", "targets.workloads.ogbg.validation_target_value", "Invalid input"],
    ["targets: (root): Invalid input", "targets", "(root): Invalid input"],
    ['slug "A b": use 2-80 lower-case letters, digits, "." and "-"', "slug", 'slug "A b": use 2-80 lower-case letters, digits, "." and "-"'],
  ])("%s", (problem, path, message) => {
    expect(problemIssue(problem)).toEqual({ path, message });
  });

  test("a malformed targets file in the JSON is a RoundDefinitionError naming the field", () => {
    const input = createRoundInput.parse({
      slug: "r-1",
      ruleset: "external",
      targets: {
        benchmark_version: "0.6",
        base_workloads: ["ogbg"],
        held_out_workloads: [],
        workloads: { ogbg: { target_metric_name: "x", validation_target_value: "high" } },
      },
    });
    expect(() => definitionFromRequest(input)).toThrow(RoundDefinitionError);
    expect(() => definitionFromRequest(input)).toThrow(/targets: workloads.ogbg.validation_target_value/);
  });

  test("dates: ISO date or date-time with offset; anything else is refused", () => {
    expect(createRoundInput.parse({ slug: "r-1", ruleset: "external", targets: {}, opensAt: "2026-12-01" }).opensAt).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(createRoundInput.safeParse({ slug: "r-1", ruleset: "external", targets: {}, opensAt: "next monday" }).success).toBe(false);
  });
});

describe("upload window (docs/hosting-a-round.md)", () => {
  const round = { slug: "r", published: false, opensAt: new Date("2026-12-01T00:00:00Z"), closesAt: new Date("2027-03-01T00:00:00Z") };
  test("before opensAt, from closesAt on: refused, saying when; inside: open", () => {
    expect(uploadWindowProblem(round, new Date("2026-11-30T23:59:59Z"))).toContain("opens to uploads at 2026-12-01T00:00:00.000Z");
    expect(uploadWindowProblem(round, new Date("2026-12-01T00:00:00Z"))).toBeNull();
    expect(uploadWindowProblem(round, new Date("2027-03-01T00:00:00Z"))).toContain("closed to uploads at 2027-03-01T00:00:00.000Z");
    expect(uploadWindowProblem({ slug: "r", opensAt: null, closesAt: null }, new Date())).toBeNull();
  });
  test("the page's state", () => {
    expect(uploadWindowState(round, new Date("2026-11-01Z"))).toBe("not yet open");
    expect(uploadWindowState(round, new Date("2027-01-01Z"))).toBe("open");
    expect(uploadWindowState(round, new Date("2027-04-01Z"))).toBe("closed");
    expect(uploadWindowState({ ...round, published: true }, new Date("2027-01-01Z"))).toBe("closed");
  });
});
