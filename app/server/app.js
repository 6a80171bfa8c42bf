// The express app around Remix's request handler. One per worker process (see index.js).
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { pageCache } from "./page-cache.js";
import { bodyVerdict, isCrossSiteWrite, isUploadPath, newNonce, securityHeaders } from "./security.js";

/** How much of a refused body we read and discard to let the client see our answer; then we hang up. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

function refuse(req, res, status, message) {
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  let drained = 0;
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
  res.end(message);
}

/**
 * At most `limit` requests computing at once in this worker; the rest wait their turn in order.
 * A request holds its slot until its response headers go out (or it ends, or the client leaves):
 * by then a page has run its loaders and rendered, and what follows is writing bytes, so a long
 * download streams without holding anyone up. Uploads skip the queue: their body arrives at the
 * client's pace and must not hold a slot while it does (they are signed-in only and size-capped).
 *
 * Why a small limit (issue 15): loaders and rendering are synchronous, so requests admitted together
 * only interleave on the one thread. Every event-loop turn then runs a slice of each of them, and a
 * new connection is handed to the worker one per turn: with 8 in flight, 50 users opening the app
 * at once waited up to 1.7 s just to be accepted. One or two at a time keeps each turn short.
 * @param {number} limit
 */
export function inFlightLimiter(limit) {
  let active = 0;
  /** @type {Array<() => void>} */
  const waiting = [];
  const release = () => {
    active--;
    while (waiting.length && active < limit) waiting.shift()();
  };
  return (req, res, next) => {
    if (!limit || (req.method === "POST" && isUploadPath(req.path))) return next();
    const start = () => {
      // The client may have given up while waiting.
      if (req.socket.destroyed) return;
      active++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        res.writeHead = writeHead;
        release();
      };
      const writeHead = res.writeHead;
      res.writeHead = function (...args) {
        finish();
        return writeHead.apply(this, args);
      };
      res.once("finish", finish);
      res.once("close", finish);
      next();
    };
    if (active < limit) return start();
    waiting.push(start);
  };
}

/**
 * @param {import("@remix-run/node").ServerBuild} build
 * @param {ReturnType<typeof import("./config.js").serverConfig>} config
 */
export function createApp(build, config) {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  // A number of proxy hops in front of us: req.ip, req.protocol and req.hostname then honour that
  // many X-Forwarded-* entries from the right, and no more. 0 (the default): the socket is the truth.
  app.set("trust proxy", config.trustedProxies > 0 ? config.trustedProxies : false);

  // Security headers on everything, and the nonce this request's HTML will carry.
  app.use((req, res, next) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    const headers = securityHeaders(nonce, { secure: req.secure });
    res.set(headers);
    // A route that sets one of these itself (a document download's sandbox CSP, its nosniff) replaces
    // the default instead of adding a second copy: Remix's adapter appends response headers.
    const defaults = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
    const append = res.append.bind(res);
    res.append = (field, value) => {
      const name = String(field).toLowerCase();
      if (defaults.has(name)) {
        defaults.delete(name);
        return res.set(field, value);
      }
      return append(field, value);
    };
    next();
  });

  if (config.logRequests) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)} ms`);
      });
      next();
    });
  }

  // Refuse before reading a byte of the body: cross-site writes, oversized or unmeasurable bodies,
  // and anonymous uploads.
  app.use(async (req, res, next) => {
    if (!config.trustedProxies) {
      // Without a trusted proxy these are the client's inventions; Remix would believe them.
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-for"];
    }
    const host = req.get("x-forwarded-host")?.split(",")[0].trim() || req.get("host");
    if (isCrossSiteWrite(req.method, { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host })) {
      return refuse(req, res, 403, "Forbidden: cross-site request");
    }
    const { verdict, limit } = bodyVerdict(
      { method: req.method, pathname: req.path, contentLength: req.get("content-length"), transferEncoding: req.get("transfer-encoding") },
      config,
    );
    if (verdict === "too-large") return refuse(req, res, 413, `Payload too large: the limit here is ${limit} bytes`);
    if (verdict === "length-required") return refuse(req, res, 411, "Length required");
    if (req.method === "POST" && isUploadPath(req.path)) {
      try {
        const signedIn = await build.entry.module.hasLiveSession(req.get("cookie") ?? null);
        if (!signedIn) return refuse(req, res, 401, "Sign in first");
      } catch (error) {
        return next(error);
      }
    }
    next();
  });

  app.use(compression());
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y", index: false }));
  // public/ holds only files with an extension (favicon.svg, …): don't stat the disk for every page.
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  // A signed-in page served again while nothing was written since (see page-cache.js): looked up
  // before the limiter (reusing a page costs a fraction of a millisecond and need not wait for a
  // slot) and again after it, where a page that must be rendered is kept.
  const pages = config.pageCacheBytes > 0
    ? pageCache({
        version: build.entry.module.pageCacheVersion,
        track: build.entry.module.trackPageReads,
        untracked: build.entry.module.untracked,
        readsCurrent: build.entry.module.pageReadsCurrent,
        isLive: build.entry.module.hasLiveSession,
        maxBytes: config.pageCacheBytes,
      })
    : null;
  if (pages) app.use(pages.lookup);
  app.locals.pageCache = pages;

  // At most `maxInFlight` requests computing inside Remix per worker (see inFlightLimiter).
  app.use(inFlightLimiter(config.maxInFlight));
  if (pages) app.use(pages.keep);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      // Kept on res.locals: the entry marks a page the page cache may keep on it (pageCacheable).
      getLoadContext: (req, res) =>
        (res.locals.loadContext = { cspNonce: res.locals.cspNonce, clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );

  // Errors that escaped Remix (it renders its own): a bare 500, logged once.
  app.use((error, _req, res, _next) => {
    console.error(error);
    if (res.headersSent) return res.end();
    res.status(500).type("text/plain").send("Internal Server Error");
  });
  return app;
}
