// `token create <name> [--scope upload|admin]`, `token list`, `token revoke <name>`:
// API tokens in the database of DATABASE_URL (or the embedded one). A new
// token is printed once, alone on the last line; only its sha256 is stored.
import { Command, Option } from "commander";
import { createToken, listTokens, revokeToken, TOKEN_SCOPES, type TokenScope } from "@/lib/server/services/tokens";
import { withLocalDb } from "./local-db";

export function tokenCommand(): Command {
  const token = new Command("token").description("manage API tokens (database of DATABASE_URL, or the embedded one)");

  token
    .command("create")
    .description("create a token and print it once, alone on the last line (only its hash is stored)")
    .argument("<name>", "unique name, e.g. the runner or person it is for")
    .addOption(
      new Option("--scope <scope>", "upload: may upload runs; admin: may also hide/delete submissions and replace anyone's runs")
        .choices([...TOKEN_SCOPES])
        .default("upload"),
    )
    .action(async function (this: Command, name: string, options: { scope: TokenScope }) {
      await run(this, async () => {
        const created = await withLocalDb((db) => createToken(db, { name, scope: options.scope }));
        process.stdout.write(`created token "${name}" (scope ${options.scope}, starts with ${created.prefix})\n`);
        process.stdout.write("Store it now: it is shown only this once, and only its hash is kept.\n");
        process.stdout.write(`${created.token}\n`);
      });
    });

  token
    .command("list")
    .description("list tokens (name, scope, prefix, last use, revoked); never the tokens themselves")
    .option("--json", "print JSON")
    .action(async function (this: Command, options: { json?: boolean }) {
      await run(this, async () => {
        const rows = await withLocalDb((db) => listTokens(db));
        const list = rows.map((r) => ({
          name: r.name,
          scope: r.scope,
          prefix: r.prefix,
          createdAt: r.createdAt.toISOString(),
          lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
          revokedAt: r.revokedAt?.toISOString() ?? null,
          uploads: r._count.uploads,
          submissions: r._count.submissions,
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          process.stdout.write("no tokens; create one with `npm run cli -- token create <name>`\n");
          return;
        }
        const header = ["name", "scope", "prefix", "created", "last used", "status", "uploads", "submissions"];
        const table = list.map((t) => [
          t.name,
          t.scope,
          `${t.prefix}…`,
          t.createdAt.slice(0, 16),
          t.lastUsedAt?.slice(0, 16) ?? "never",
          t.revokedAt ? `revoked ${t.revokedAt.slice(0, 10)}` : "active",
          String(t.uploads),
          String(t.submissions),
        ]);
        const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
        for (const row of [header, ...table])
          process.stdout.write(
            `${row
              .map((c, i) => c.padEnd(widths[i]!))
              .join("  ")
              .trimEnd()}\n`,
          );
      });
    });

  token
    .command("revoke")
    .description("revoke a token: it gets 401 from then on (its uploads and submissions stay)")
    .argument("<name>", "token name")
    .action(async function (this: Command, name: string) {
      await run(this, async () => {
        await withLocalDb((db) => revokeToken(db, name));
        process.stdout.write(`revoked token "${name}"\n`);
      });
    });

  return token;
}

async function run(command: Command, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    command.error(`error: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 1 });
  }
}
