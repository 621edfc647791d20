// Every number the leaderboard shows equals what the scoring CLI prints for
// the same pool and settings: the pool's times are written to a CLI input
// file straight from the database, `npm run cli -- score` scores it, and
// the rendered table (read in Chromium) is compared cell by cell with the
// CLI's output formatted by the pages' own formatters.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { decodeNumber } from "@/lib/scoring";
import { formatRatio, formatScore, formatTime, scoreDigits } from "@/lib/views/format";
import { goto, launchBrowser, openPage } from "../support/browser";
import { cli as cliCommand } from "../support/cli";
import { withDb } from "../support/db";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Shown {
  slug: string;
  score: string;
  targets: string;
  cells: { workload: string; status: string; time: string | null; ratio: string | null }[];
}

/** The CLI's times input for these submissions, from the derived per-cell results (null = not reached, absent = no data). */
async function cliInput(round: string, slugs: string[]) {
  return withDb(async (c) => {
    const r = (await c.query(`SELECT id, "timeBasis" FROM "Round" WHERE slug = $1`, [round])).rows[0];
    const workloads = (await c.query(`SELECT key, role FROM "Workload" WHERE "roundId" = $1 ORDER BY position`, [r.id])).rows as {
      key: string;
      role: string;
    }[];
    const results = (
      await c.query(
        `SELECT s.slug, w.key, x.reached, x."timeSeconds", x."timeFraction" FROM "WorkloadResult" x JOIN "Submission" s ON s.id = x."submissionId" JOIN "Workload" w ON w.id = x."workloadId" WHERE s."roundId" = $1 AND s.slug = ANY($2) ORDER BY s.slug`,
        [r.id, slugs],
      )
    ).rows as { slug: string; key: string; reached: boolean; timeSeconds: number | null; timeFraction: number | null }[];
    // Listing order of the pool (the database's slug order), which breaks score ties (docs/scoring.md §5.4).
    const ordered = (await c.query(`SELECT slug FROM "Submission" WHERE "roundId" = $1 AND slug = ANY($2) ORDER BY slug`, [r.id, slugs])).rows.map(
      (x) => x.slug as string,
    );
    const submissions: Record<string, Record<string, number | null | "nan">> = {};
    for (const slug of ordered) submissions[slug] = {};
    for (const x of results) {
      const t = r.timeBasis === "seconds" ? x.timeSeconds : x.timeFraction;
      submissions[x.slug]![x.key] = x.reached ? (t ?? "nan") : null;
    }
    return {
      basis: r.timeBasis as "seconds" | "budget_fraction",
      input: {
        workloads: workloads.filter((w) => w.role === "base").map((w) => w.key),
        held_out_workloads: workloads.filter((w) => w.role === "held_out").map((w) => w.key),
        submissions,
      },
    };
  });
}

const VIEWS: { round: string; query: string; cli: string[] }[] = [
  { round: "paper-2505.24005", query: "horizon=66&integration=exact", cli: ["--integration", "exact"] },
  { round: "paper-2505.24005", query: "add=schedule-free-adamw&tauMax=3", cli: ["--tau-max", "3"] },
  { round: "algoperf-v0.5-external", query: "", cli: [] },
  { round: "algoperf-v0.5-self-tuning", query: "integration=exact&tauMax=2.5", cli: ["--integration", "exact", "--tau-max", "2.5"] },
];

for (const view of VIEWS) {
  test(`/rounds/${view.round}?${view.query}: every score, target count, time, ratio and status equals the CLI's`, async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await goto(page, `${inject("baseUrl")}/rounds/${view.round}${view.query ? `?${view.query}` : ""}`);
      const shown: Shown[] = await page.$$eval('[data-table="leaderboard"] tbody tr', (trs) =>
        trs.map((tr) => ({
          slug: tr.getAttribute("data-submission")!,
          score: tr.querySelector('[data-field="score"]')!.textContent!.trim(),
          targets: tr.querySelector('[data-field="targets"]')!.firstChild!.textContent!.trim(),
          cells: [...tr.querySelectorAll("td[data-workload]")].map((td) => ({
            workload: td.getAttribute("data-workload")!,
            status: td.getAttribute("data-status")!,
            time: td.querySelector('[data-field="time"]')?.textContent?.trim() ?? null,
            ratio: td.querySelector('[data-field="ratio"]')?.textContent?.trim() ?? null,
          })),
        })),
      );
      const mode = await page.locator("[data-scoring-mode]").getAttribute("data-scoring-mode");
      expect(shown.length).toBeGreaterThan(1);

      const { basis, input } = await cliInput(
        view.round,
        shown.map((r) => r.slug),
      );
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "algoperf-parity-")), "pool.json");
      writeFileSync(file, JSON.stringify(input));
      const cli = spawnSync(...cliCommand("score", file, ...view.cli), { encoding: "utf8" });
      expect(cli.status, cli.stderr).toBe(0);
      const out = JSON.parse(cli.stdout);
      const digits = scoreDigits(basis);

      expect(mode).toBe(out.settings.mode);
      expect(shown.map((r) => r.slug)).toEqual(out.ranking);
      for (const r of shown) {
        expect(r.score, r.slug).toBe(formatScore(decodeNumber(out.scores[r.slug]), digits));
        expect(Number(r.targets), r.slug).toBe(out.targetsHit[r.slug]);
        expect(r.cells.map((c) => c.workload)).toEqual(out.workloads);
        for (const c of r.cells) {
          const printed = out.cells[r.slug][c.workload];
          expect(c.status, `${r.slug} ${c.workload}`).toBe(printed.status);
          const time = decodeNumber(printed.time);
          if (Number.isFinite(time)) expect(c.time, `${r.slug} ${c.workload} time`).toBe(formatTime(time, basis));
          else expect(c.time, `${r.slug} ${c.workload} time`).toBeNull();
          if (printed.status === "hit") expect(c.ratio, `${r.slug} ${c.workload} ratio`).toBe(formatRatio(decodeNumber(printed.ratio)));
          else expect(c.ratio).toBeNull();
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
}
