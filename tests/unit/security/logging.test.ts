// The server never prints request headers or tokens: no console call in the
// server code (app/, lib/, components/, proxy.ts) mentions them. The runtime
// side is tests/integration/tokens-audit.test.ts (the app's whole output is
// searched for the token after good and bad requests).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

test("no console call in the server code prints headers, the Authorization header or a token", () => {
  const calls: string[] = [];
  for (const file of [...["app", "lib", "components"].flatMap(sources), "proxy.ts"]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/console\.(log|info|warn|error|debug|trace|dir)\(([^;]*)\)/g)) calls.push(`${file}: ${m[2]}`);
  }
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((c) => /header|authori[sz]ation|bearer|token/i.test(c.split(": ").slice(1).join(": ")))).toEqual([]);
});
