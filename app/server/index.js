#!/usr/bin/env node
// `npm start`: the production server. The primary process only forks and watches workers (one
// per core by default, TRAGUARDI_WORKERS or WEB_CONCURRENCY to change it) and restarts any that
// crash; each worker loads the Remix build and serves the shared port. Everything the workers
// must agree on (sessions, the login throttle) lives in SQLite, which takes concurrent readers
// in WAL mode.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serverConfig } from "./config.js";

process.env.NODE_ENV ??= "production";
const config = serverConfig();

function buildPath() {
  if (process.argv[2]) return path.resolve(process.argv[2]);
  if (process.env.TRAGUARDI_BUILD_DIR) return path.resolve(process.env.TRAGUARDI_BUILD_DIR, "index.js");
  return path.resolve("build/index.js");
}

/**
 * TRAGUARDI_MEMORY_REPORT=1 (bench:load sets it): sample this worker's memory every 200 ms and print
 * the peaks when it stops, so RSS can be told apart from the JavaScript heap (live data or garbage
 * V8 has not collected yet) and from buffers outside it.
 */
function memoryReporter(app) {
  if (process.env.TRAGUARDI_MEMORY_REPORT !== "1") return () => {};
  const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], now[key]);
  };
  const timer = setInterval(sample, 200);
  timer.unref();
  return () => {
    sample();
    clearInterval(timer);
    const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    const pages = app.locals.pageCache?.stats();
    if (pages)
      console.log(
        `[traguardi] worker ${process.pid} page cache: ${pages.hits} served again, ${pages.rendered} rendered, ${pages.stored} kept, ${pages.changedWhileRendering} not kept for a write while rendering, ${pages.waited} waited for a render`,
      );
    console.log(
      `[traguardi] worker ${process.pid} memory peaks: rss ${mb(peak.rss)}, heap total ${mb(peak.heapTotal)}, heap used ${mb(peak.heapUsed)}, external ${mb(peak.external)}, array buffers ${mb(peak.arrayBuffers)}`,
    );
  };
}

if (cluster.isPrimary) {
  let stopping = false;
  const recentCrashes = [];
  console.log(`[traguardi] ${config.workers} worker${config.workers === 1 ? "" : "s"} on http://localhost:${config.port}`);
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...config.workerV8Flags] });
  const fork = () => cluster.fork();
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length && now - recentCrashes[0] > 60_000) recentCrashes.shift();
    // Back off when workers keep dying (a broken build or database), up to 30 s between restarts.
    const delay = Math.min(30_000, 100 * 2 ** Math.max(0, recentCrashes.length - 1));
    console.error(`[traguardi] worker ${worker.process.pid} exited (${signal ?? code}); restarting in ${delay} ms`);
    setTimeout(() => !stopping && fork(), delay);
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const deadline = setTimeout(() => process.exit(0), 10_000);
    deadline.unref();
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 50);
    check.unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGTERM"));
} else {
  // Before the build loads: Remix's route matching, remembered per path (route-matching.js).
  const { rememberRouteMatches } = await import("./route-matching.js");
  rememberRouteMatches(createRequire(import.meta.url)("@remix-run/router"));
  const { installGlobals } = await import("@remix-run/node");
  const build = await import(pathToFileURL(buildPath()).href);
  installGlobals({ nativeFetch: build.future.v3_singleFetch });
  const { createApp } = await import("./app.js");
  const app = createApp(build, config);
  const server = config.host ? app.listen(config.port, config.host) : app.listen(config.port);
  server.keepAliveTimeout = 65_000;
  const reportMemory = memoryReporter(app);
  const stop = () => {
    reportMemory();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
