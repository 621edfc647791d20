// `npm run cli -- <command>`: runs ingest/cli.ts compiled by esbuild into
// plain JavaScript (one bundle of this repository's code, split per command,
// with the few packages every command loads at start-up; the others stay in
// node_modules), cached in .cache/cli/<hash>/ under a hash of every source
// file the bundle was made from. Plain JavaScript so that node runs it
// without a TypeScript loader: under `node --import tsx` every call spent
// ~0.3 s of CPU compiling and resolving TypeScript before doing any work
// (docs/performance.md, "Raw logs against the official scorer").
//
// A source that changed (or a new tsconfig.json/package.json, or another
// version of a bundled package) changes the hash and the next call rebuilds
// (~0.1 s); builds write to a folder of their own and rename it into place,
// so concurrent calls never see half a bundle.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = path.join(ROOT, ".cache", "cli");
const MANIFEST = path.join(CACHE, "manifest.json");
const ENTRIES = { cli: "ingest/cli.ts" };
/** Files that change the bundle without being one of its inputs: the path aliases, the packages, this builder. */
const CONFIG = ["tsconfig.json", "package.json", "scripts/cli.mjs"];
/**
 * Packages compiled into the bundle, with whatever they import: the ones every
 * command loads before it does anything. Loaded from node_modules, file by
 * file, they took ~15 ms of the ~65 ms from the CLI's start to its first
 * request (docs/performance.md). The others (Prisma, pg, zod, ...) stay in
 * node_modules, loaded by the commands that need them.
 */
const BUNDLED = new Set(["commander", "cli-progress", "@trpc/client"]);
/** CommonJS inside an ES module bundle (commander, cli-progress) calls require() for Node's built-in modules. */
const REQUIRE = 'import { createRequire as __cliCreateRequire } from "node:module"; const require = __cliCreateRequire(import.meta.url);';

/**
 * The tRPC client asks `input instanceof FormData` of every call, and in Node
 * the first read of the global FormData loads undici (16 ms of CPU, before the
 * CLI's first request). The CLI sends JSON only: in its bundle that question
 * is asked of a class of its own, of which nothing is an instance, and undici
 * is never loaded.
 */
const NO_FORM_DATA = "class __CliNoFormData {}";

const packageName = (specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);

/** esbuild plugin: packages stay external but BUNDLED and what those import. */
const externals = {
  name: "externals",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      // The repository's own modules (the @/ alias) and Node's built-ins resolve as usual.
      if (args.path.startsWith("@/") || args.path.startsWith("node:")) return undefined;
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/** A bundled package's file stands in the hash for its package.json (its name and version), not for itself. */
function hashInput(file) {
  const at = file.lastIndexOf("node_modules/");
  if (at < 0) return file;
  const start = at + "node_modules/".length;
  return `${file.slice(0, start)}${packageName(file.slice(start))}/package.json`;
}

/** Older bundles are removed by a build once they are this old (an upload still running may load its lazy chunks from one). */
const KEEP_MS = 24 * 3600 * 1000;

/** sha256 of the files' names and contents; null when one is gone. */
function hashOf(files) {
  const h = createHash("sha256");
  for (const f of [...CONFIG, ...files]) {
    let text;
    try {
      text = readFileSync(path.join(ROOT, f));
    } catch {
      return null;
    }
    h.update(`${f}\0${text.length}\0`).update(text);
  }
  return h.digest("hex").slice(0, 16);
}

/** The cached bundle's entry when the sources it was built from are unchanged. */
function cachedEntry() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
  } catch {
    return null;
  }
  const entry = path.join(CACHE, manifest.hash, "cli.mjs");
  return hashOf(manifest.inputs) === manifest.hash && existsSync(entry) ? entry : null;
}

async function build() {
  const esbuild = await import("esbuild");
  mkdirSync(CACHE, { recursive: true });
  const tmp = path.join(CACHE, `tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    bundle: true,
    // One chunk per command and shared module: a command loads only its own code (ingest/cli.ts).
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [externals],
    banner: { js: `${REQUIRE} ${NO_FORM_DATA}` },
    define: { FormData: "__CliNoFormData" },
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "error",
  });
  const inputs = [...new Set(Object.keys(result.metafile.inputs).map(hashInput))].sort();
  const hash = hashOf(inputs);
  if (hash === null) throw new Error("a source file changed while the CLI was being built; run the command again");
  const dir = path.join(CACHE, hash);
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // A concurrent call built the same sources first.
    if (!existsSync(dir)) throw e;
    rmSync(tmp, { recursive: true, force: true });
  }
  const manifestTmp = `${tmp}.json`;
  writeFileSync(manifestTmp, JSON.stringify({ hash, inputs }));
  renameSync(manifestTmp, MANIFEST);
  removeOldBundles(hash);
  return path.join(dir, "cli.mjs");
}

function removeOldBundles(current) {
  for (const name of readdirSync(CACHE)) {
    const p = path.join(CACHE, name);
    if (name === current || name === "manifest.json") continue;
    try {
      if (Date.now() - statSync(p).mtimeMs > KEEP_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // Removed by a concurrent build.
    }
  }
}

await import(pathToFileURL(cachedEntry() ?? (await build())).href);
