import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
      // frappe-gantt's own source, which its package does not export: tests compare our labels with it.
      "frappe-gantt-src": fileURLToPath(new URL("./node_modules/frappe-gantt/src", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    // Run through Vite (its source imports its own files without extensions).
    server: { deps: { inline: ["frappe-gantt"] } },
    pool: "forks",
    // Heavy model tests (a 10 000-row import, seeding twice) must pass on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
