import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Three projects so `npm test` can run them in order (unit is pure and fast;
// integration needs PostgreSQL; e2e needs the built app and Chromium).
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Tests import server modules in plain Node, outside Next.js: the `server-only` marker
      // (lib/db/client.ts and the services) guards Next's client bundles and is a no-op here,
      // as it is under Next's react-server condition. The CLI and scripts run by the tests are
      // separate processes and resolve the real marker.
      "server-only": `${root}node_modules/server-only/empty.js`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
