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
  // pg loads optional native bindings dynamically; keep it out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  // Type checking and linting run in `npm test`; the build does not repeat them.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root },
  experimental: {
    // proxy.ts makes Next buffer request bodies, by default only their first
    // 10 MB. Uploads may be 32 MiB (UPLOAD_LIMITS.bodyBytes in
    // lib/ingest/upload-schema.ts). Next cuts a longer body at the chunk that
    // crosses this limit, so it is one MiB (many socket chunks) above the upload
    // limit: the upload route still sees more than 32 MiB of a larger body and
    // answers 413 instead of reading it truncated.
    proxyClientMaxBodySize: 33 * 1024 * 1024,
  },
  outputFileTracingRoot: root,
};

export default nextConfig;
