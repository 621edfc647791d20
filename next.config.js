// @ts-check
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * Turbopack only resolves files under its root. A git worktree whose
 * node_modules is a symlink to another checkout needs a root above both, so
 * the root is the common ancestor of the project and the real node_modules
 * (the project itself in an ordinary clone).
 */
function workspaceRoot() {
  let modules;
  try {
    modules = realpathSync(path.join(projectDir, "node_modules"));
  } catch {
    return projectDir;
  }
  let root = projectDir;
  while (path.relative(root, modules).startsWith("..")) root = path.dirname(root);
  return root;
}
const root = workspaceRoot();

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg loads optional native bindings dynamically; piscina starts worker
  // threads from files beside its own (lib/server/compute/pool.ts): keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "piscina"],
  // Type checking and linting run in `npm test`; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
