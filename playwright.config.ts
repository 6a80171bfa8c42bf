import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

/**
 * End-to-end tests run against a real production build and a fresh SQLite file seeded with the
 * demo programme. E2E_PORT gives a run its own port, database and build, so several runs can coexist.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
const workDir = path.resolve(process.env.E2E_WORK_DIR ?? `e2e/.tmp/${port}`);
// Inside the project, so the server build resolves node_modules; one per port, so runs don't collide.
const buildDir = path.join(workDir, "build");
export const e2eEnv = {
  DATABASE_PATH: path.join(workDir, "traguardi.db"),
  SESSION_SECRET: "e2e-session-secret",
  // A small document limit, so the oversized-upload check sends 3 MB instead of 21 (the default is 20 MB).
  DOCUMENT_MAX_BYTES: String(2 * 1024 * 1024),
  // The suite's "today": mid-flight, six weeks before gate 1, so every state occurs.
  TRAGUARDI_TODAY: "2025-11-14",
  TRAGUARDI_BUILD_DIR: buildDir,
  COOKIE_SECURE: "false",
  NODE_ENV: "production",
  PORT: String(port),
  // Two worker processes, as in production on this machine: the suite proves nothing relies on one process's memory.
  TRAGUARDI_WORKERS: "2",
};
Object.assign(process.env, { E2E_DATABASE_PATH: e2eEnv.DATABASE_PATH, E2E_SESSION_SECRET: e2eEnv.SESSION_SECRET });

/** Debian's Chromium where it is installed (this machine, CI); Playwright's own elsewhere. */
const debianChromium = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: path.join(workDir, "results"),
  fullyParallel: false,
  workers: 1,
  // No retries: a flaky test must fail, not be hidden (issue 9).
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1366, height: 900 },
        launchOptions: {
          executablePath,
          args: ["--no-sandbox", "--lang=it-IT", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: `rm -rf "${e2eEnv.DATABASE_PATH}"* && npx tsx db/seed.ts && npx remix build && node --max-semi-space-size=4 app/server/index.js "${buildDir}/index.js"`,
    url: `http://localhost:${port}/healthcheck`,
    env: e2eEnv,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
