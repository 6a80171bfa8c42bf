#!/usr/bin/env node
// `npm start`: the production server, one Node process per core by default (TRAGUARDI_WORKERS
// or WEB_CONCURRENCY to change it). The primary listens on the port, serves a share of the
// connections itself and hands the rest in turn to the workers it forks, and restarts any worker
// that crashes. Each process loads the Remix build. Everything the processes must agree on
// (sessions, the login throttle, the page versions) lives in SQLite, which takes concurrent
// readers in WAL mode.
import cluster from "node:cluster";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import v8 from "node:v8";
import { pathToFileURL } from "node:url";
import { serverConfig, startupOnlyV8Flag } from "./config.js";

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
    const role = cluster.isPrimary ? "primary" : "worker";
    const pages = app.locals.pageCache?.stats();
    if (pages)
      console.log(
        `[traguardi] ${role} ${process.pid} page cache: ${pages.hits} served again, ${pages.rendered} rendered, ${pages.stored} kept, ${pages.changedWhileRendering} not kept for a write while rendering, ${pages.waited} waited for a render`,
      );
    console.log(
      `[traguardi] ${role} ${process.pid} memory peaks: rss ${mb(peak.rss)}, heap total ${mb(peak.heapTotal)}, heap used ${mb(peak.heapUsed)}, external ${mb(peak.external)}, array buffers ${mb(peak.arrayBuffers)}`,
    );
  };
}

/** Messages between the primary and its workers (beside node:cluster's own). */
const READY = "traguardi:ready";
const CONNECTION = "traguardi:connection";

/**
 * This process's server: the Remix build in our express app, behind an http.Server that does not
 * listen itself; the primary hands it connections (`serve(socket)`). `stop(done)` lets the
 * requests under way finish (connections are closed as they go idle), then calls `done`.
 */
async function startServing() {
  // Before the build loads: Remix's route matching, remembered per path (route-matching.js).
  const { rememberRouteMatches } = await import("./route-matching.js");
  rememberRouteMatches(createRequire(import.meta.url)("@remix-run/router"));
  const { installGlobals } = await import("@remix-run/node");
  const build = await import(pathToFileURL(buildPath()).href);
  installGlobals({ nativeFetch: build.future.v3_singleFetch });
  const { createApp } = await import("./app.js");
  const app = createApp(build, config);
  const server = http.createServer();
  server.keepAliveTimeout = 65_000;
  // The server never listens (connections are handed to it), and Node only starts tracking its
  // connections, which its header and request timeouts and closeIdleConnections() rely on, when it
  // does: the "listening" event is what sets that up.
  server.emit("listening");
  const reportMemory = memoryReporter(app);
  let active = 0;
  let stopped = null;
  let abandoned = false;
  // Counted before the app sees the request (the app may answer it at once, a refused body).
  server.on("request", (_req, res) => {
    active++;
    if (stopped && !res.headersSent) res.setHeader("Connection", "close");
    res.once("close", () => {
      active--;
      if (stopped) {
        server.closeIdleConnections();
        if (active === 0) stopped();
      }
    });
  });
  server.on("request", app);
  return {
    serve(socket) {
      server.emit("connection", socket);
      socket.resume();
    },
    stop(done) {
      // Its connections were already dropped: nothing left to finish.
      if (abandoned) return done();
      if (stopped) return;
      reportMemory();
      stopped = done;
      server.closeIdleConnections();
      if (active === 0) done();
    },
    /** Drops every connection at once (the process can no longer be trusted to answer them). */
    abandon() {
      abandoned = true;
      stopped ??= () => {};
      server.closeAllConnections();
    },
  };
}

if (cluster.isPrimary) {
  // The primary is one of the serving processes: it listens, answers a share of the connections
  // itself and hands the others, in turn, to the workers it forks (one per core in all). So two
  // cores run two Node processes, not three: each costs ~45 MB of RSS before it does anything.
  let stopping = false;
  const recentCrashes = [];
  const processes = config.workers;
  console.log(`[traguardi] ${processes} process${processes === 1 ? "" : "es"} serving http://localhost:${config.port}`);
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...config.workerV8Flags] });
  // The same V8 flags here as in the workers, where V8 still takes them (the heap's growing
  // factor does). Sizes fixed when the heap was set up, such as the semi-spaces', only come from
  // the command line, which `npm start` gives; without them this process uses more memory.
  for (const flag of config.workerV8Flags) {
    if (!startupOnlyV8Flag.test(flag)) v8.setFlagsFromString(flag);
    else if (!process.execArgv.includes(flag)) console.warn(`[traguardi] ${flag} applies to the workers only: start this process with \`node ${flag} app/server/index.js\` (as npm start does) for it to apply here too`);
  }
  /** Workers that have loaded the build, in the order connections go to them. */
  const ready = new Set();
  const fork = () => cluster.fork();
  for (let i = 1; i < processes; i++) fork();
  cluster.on("message", (worker, message) => {
    if (message === READY) ready.add(worker);
  });
  cluster.on("exit", (worker, code, signal) => {
    ready.delete(worker);
    if (stopping) return;
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length && now - recentCrashes[0] > 60_000) recentCrashes.shift();
    // Back off when workers keep dying (a broken build or database), up to 30 s between restarts.
    const delay = Math.min(30_000, 100 * 2 ** Math.max(0, recentCrashes.length - 1));
    console.error(`[traguardi] worker ${worker.process.pid} exited (${signal ?? code}); restarting in ${delay} ms`);
    setTimeout(() => !stopping && fork(), delay);
  });
  const serving = await startServing();
  /** False once the app failed in this process: from then on it only hands connections out. */
  let servingHere = true;
  let turn = 0;
  const balancer = net.createServer({ pauseOnConnect: true }, (socket) => {
    const targets = servingHere || ready.size === 0 ? [null, ...ready] : [...ready];
    const target = targets[turn++ % targets.length];
    if (!target || !target.isConnected()) return serving.serve(socket);
    target.send(CONNECTION, socket, { keepOpen: false }, (error) => {
      // The worker went away before it got the connection: answer it here.
      if (error && !socket.destroyed) serving.serve(socket);
    });
  });
  balancer.on("error", (error) => {
    console.error(`[traguardi] cannot listen on port ${config.port}: ${error.message}`);
    process.exit(1);
  });
  if (config.host) balancer.listen(config.port, config.host);
  else balancer.listen(config.port);
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    balancer.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    let servedOut = false;
    serving.stop(() => (servedOut = true));
    const deadline = setTimeout(() => process.exit(0), 10_000);
    deadline.unref();
    const check = setInterval(() => {
      if (servedOut && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 50);
    check.unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGTERM"));
  // An error nothing caught, in the app's code here: this process's app can no longer be trusted,
  // but its balancer and supervisor (this file) are independent of it. So instead of taking every
  // worker down with it, the primary stops serving, drops its own connections and forks a worker
  // in its place; with no worker to take over (TRAGUARDI_WORKERS=1) it exits, for the process
  // manager to restart it, as Node would.
  process.on("uncaughtException", (error) => {
    console.error(error);
    if (!servingHere || processes === 1 || stopping) process.exit(1);
    servingHere = false;
    console.error("[traguardi] the primary stopped serving after an uncaught error; a worker takes its place");
    serving.abandon();
    fork();
  });
} else {
  const serving = await startServing();
  process.on("message", (message, socket) => {
    if (message === CONNECTION && socket) serving.serve(socket);
  });
  process.send?.(READY);
  const stop = () => {
    serving.stop(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
