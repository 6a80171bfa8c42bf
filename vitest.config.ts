import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Heavy model tests (a 10 000-row import, seeding twice) must pass on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
