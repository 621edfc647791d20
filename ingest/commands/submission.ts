// `submission hide|unhide|verify|unverify|delete <round> <slug> --url --token`: admin actions
// through the server (admin-scope token; audited there).
import { Command } from "commander";
import { nodeFetch } from "../http-transport";
import { createLeaderboardClient, errorIssues, errorStatus } from "../client";

interface Remote {
  url?: string;
  token?: string;
}

function remote(command: Command): Command {
  return command.option("--url <base-url>", "server (default: $ALGOPERF_URL)").option("--token <token>", "admin token (default: $ALGOPERF_TOKEN)");
}

function client(options: Remote) {
  const url = options.url ?? process.env.ALGOPERF_URL;
  const token = options.token ?? process.env.ALGOPERF_TOKEN;
  if (!url) throw new Error("no server: pass --url <base-url> or set ALGOPERF_URL");
  if (!token) throw new Error("no token: pass --token <token> or set ALGOPERF_TOKEN");
  return createLeaderboardClient({ url, token, fetch: nodeFetch });
}

async function run(command: Command, fn: () => Promise<string>): Promise<void> {
  try {
    process.stdout.write(`${await fn()}\n`);
  } catch (error) {
    const status = errorStatus(error);
    const issues = errorIssues(error)
      .map((i) => `\n  ${i.path}: ${i.message}`)
      .join("");
    command.error(`error: ${status ? `HTTP ${status}: ` : ""}${error instanceof Error ? error.message : String(error)}${issues}`, { exitCode: 1 });
  }
}

export function submissionCommand(): Command {
  const submission = new Command("submission").description("admin actions on a submission (needs an admin token)");

  for (const [name, hidden] of [
    ["hide", true],
    ["unhide", false],
  ] as const) {
    remote(
      submission
        .command(name)
        .description(hidden ? "hide a submission: it leaves every pool and page, its data stays" : "show a hidden submission again")
        .argument("<round>", "round slug")
        .argument("<slug>", "submission slug"),
    ).action(async function (this: Command, round: string, slug: string, options: Remote) {
      await run(this, async () => {
        const r = await client(options).admin.hideSubmission.mutate({ round, submission: slug, hidden });
        return `${r.round}/${r.submission}: ${hidden ? "hidden" : "visible"}${r.changed ? "" : " (already)"}`;
      });
    });
  }

  for (const [name, verified] of [
    ["verify", true],
    ["unverify", false],
  ] as const) {
    remote(
      submission
        .command(name)
        .description(
          verified
            ? "verify an uploaded submission: it joins the round's default pool (docs/trust-model.md)"
            : "withdraw the verification: the submission leaves the default pool and is shown as unverified",
        )
        .argument("<round>", "round slug")
        .argument("<slug>", "submission slug"),
    ).action(async function (this: Command, round: string, slug: string, options: Remote) {
      await run(this, async () => {
        const r = await client(options).admin.verifySubmission.mutate({ round, submission: slug, verified });
        return `${r.round}/${r.submission}: ${verified ? "verified" : "unverified"}${r.changed ? "" : " (already)"}`;
      });
    });
  }

  remote(
    submission
      .command("delete")
      .description("delete a submission with all its runs (past versions still show it: see purge)")
      .argument("<round>", "round slug")
      .argument("<slug>", "submission slug")
      .requiredOption("--yes", "confirm the deletion"),
  ).action(async function (this: Command, round: string, slug: string, options: Remote) {
    await run(this, async () => {
      const r = await client(options).admin.deleteSubmission.mutate({ round, submission: slug });
      return `${r.round}/${r.submission}: deleted with ${r.runs} runs`;
    });
  });

  remote(
    submission
      .command("purge")
      .description("remove a submission for good, from the current view and from every past version (legal removal; audited; cannot be undone)")
      .argument("<round>", "round slug")
      .argument("<slug>", "submission slug")
      .requiredOption("--reason <text>", "why (kept in the audit log)")
      .requiredOption("--yes", "confirm the purge"),
  ).action(async function (this: Command, round: string, slug: string, options: Remote & { reason: string }) {
    await run(this, async () => {
      const r = await client(options).admin.purgeSubmission.mutate({ round, submission: slug, reason: options.reason });
      return `${r.round}/${r.submission}: purged (${r.rows.submissions} submission states, ${r.rows.runs} runs, ${r.rows.evals} eval series, ${r.rows.results} results)`;
    });
  });

  return submission;
}
