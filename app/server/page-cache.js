// Whole-page cache (issue 15): a signed-in user's page, kept by this worker and served again to the
// same session while nothing in the database has changed since it was rendered.
//
// Why: with the page models already cached (read-cache.server.ts), what a page still costs on every
// request is Remix's route matching, running the loaders against those caches, serialising their
// data into the page and React's render: several milliseconds for the same bytes as last time.
//
// When a page may be reused (every condition, or the page is rendered as usual):
// - A GET for an HTML document (not a single-fetch `.data` request, not an asset), with a session
//   cookie, and not `Cache-Control: no-cache` (a forced reload always renders).
// - The route opted in: its leaf route's `handle.pageCache` is true (entry.server.tsx marks the
//   load context), and the render answered 200 with no Set-Cookie (a toast consumed, a session
//   ended) and no error.
// - The key is the whole URL and the whole Cookie header, so a page is only ever served again to
//   the session (and language, and test date) that it was rendered for; never to another user.
// - None of the tables the page's loaders read has been written since they ran, and today is the
//   same day. The tables are recorded, not declared (page-reads.server.ts): every statement run
//   while Remix handles the request adds the tables its SQL names, and each table's write counter
//   (kept by triggers in every writing transaction, from any process) is its version. A write to a
//   table the loaders read while they ran, or a read of a table without a counter, means no keep.
//   A quicker check comes first: if nothing at all was committed since (SQLite's `data_version`
//   with this connection's `total_changes()`), the page is current without reading any counter.
// - The session is still live (checked against the database at every reuse: expiry, sign-out
//   elsewhere, a deactivated user), and the entry is younger than `ttlMs` (bounds anything that
//   depends on the clock rather than the data, such as an undo window closing).
// The CSP nonce is per response: the stored page's nonce is replaced by this response's. The page
// is kept as bytes cut at each occurrence of its nonce, so serving it again is one copy of those
// bytes with the new nonce between them (no string the size of the page to build and encode).
import { securityHeaders } from "./security.js";

const MiB = 1024 * 1024;

/** Response headers never stored: per-response ones (our security headers, framing, encoding). */
const NOT_STORED = new Set([
  ...Object.keys(securityHeaders("x", { secure: true })).map((name) => name.toLowerCase()),
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "vary",
  "date",
  "connection",
  "keep-alive",
  "x-page-cache",
]);

/** `body` cut at every occurrence of `nonce` (views of it, not copies); all of it if there is no nonce. */
function cutAt(body, nonce) {
  if (!nonce) return [body];
  const needle = Buffer.from(nonce);
  const parts = [];
  let from = 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/**
 * @param {{
 *   version: () => string,
 *   track: (handle: () => void) => void,
 *   untracked: (handle: () => void) => void,
 *   readsCurrent: (reads: string) => boolean,
 *   isLive: (cookieHeader: string) => Promise<boolean>,
 *   maxBytes?: number,
 *   maxEntryBytes?: number,
 *   ttlMs?: number,
 *   maxWaitMs?: number,
 *   now?: () => number,
 * }} options
 */
export function pageCache({ version, track, untracked, readsCurrent, isLive, maxBytes = 16 * MiB, maxEntryBytes = 2 * MiB, ttlMs = 30_000, maxWaitMs = 5_000, now = Date.now }) {
  /** @type {Map<string, { version: string, reads: string, parts: Buffer[], nonce: string, headers: [string, string | number | string[]][], bytes: number, storedAt: number }>} */
  const entries = new Map();
  let bytes = 0;
  const stats = { hits: 0, rendered: 0, stored: 0, changedWhileRendering: 0, waited: 0 };
  /**
   * Pages being rendered here, by key, with the requests for the same page that wait for it: after
   * a write, the first request for a page renders it and the others are served what it keeps,
   * instead of all rendering the same bytes at once.
   * @type {Map<string, { owner: import("node:http").ServerResponse, waiters: Array<() => void>, wake: () => void }>}
   */
  const pending = new Map();
  /** Keys whose answer was not a page that opted in (a download, a form): never waited for. */
  const notKeepable = new Set();

  const remove = (key) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const store = (key, entry) => {
    remove(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    // Oldest first out (a Map iterates in insertion order; a hit re-inserts).
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      remove(oldest);
    }
  };

  /** Serve `entry` to this response, with this response's nonce. */
  const serve = (res, entry) => {
    res.status(200);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", "hit");
    const nonce = Buffer.from(res.locals.cspNonce || entry.nonce);
    const pieces = [entry.parts[0]];
    for (let i = 1; i < entry.parts.length; i++) pieces.push(nonce, entry.parts[i]);
    res.end(Buffer.concat(pieces));
  };

  /** Render as usual, and keep the page if every condition holds when it is done. */
  const render = (req, res, next, key, before) => {
    stats.rendered++;
    /** An answer that is not a page that opted in (a download, a redirect): never waited for again. */
    const learnIfNotPage = () => {
      if (res.locals.loadContext?.pageCacheOptedIn === true) return;
      if (notKeepable.size >= 1000) notKeepable.clear();
      notKeepable.add(key);
    };
    /** Those waiting for this response's page: served what it kept, or sent to render their own. */
    const release = () => {
      const lead = pending.get(key);
      if (lead?.owner === res) lead.wake();
    };
    /** @type {Buffer[] | null} */
    let chunks = [];
    let size = 0;
    const collect = (chunk, encoding) => {
      if (!chunks || chunk == null || typeof chunk === "function") return;
      // The entry marks a page it may keep before the first byte is written: anything else (a
      // download, a page that did not opt in) is not copied at all.
      if (!res.locals.loadContext?.pageCacheable) {
        chunks = null;
        learnIfNotPage();
        release();
        return;
      }
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      size += buffer.length;
      // Too big to be worth keeping (an export rendered as a page): stop collecting.
      if (size > maxEntryBytes) {
        chunks = null;
        release();
      } else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (chunk, encoding, callback) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, callback);
    };
    res.end = function (chunk, encoding, callback) {
      collect(chunk, encoding);
      const result = end.call(this, chunk, encoding, callback);
      keepIfWhole();
      return result;
    };
    const keepIfWhole = () => {
      const context = res.locals.loadContext;
      learnIfNotPage();
      if (!chunks || !context?.pageCacheable || res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return;
      if (!String(res.getHeader("content-type") ?? "").startsWith("text/html")) return;
      // The entry took the tables' versions once the loaders had run (the render reads nothing
      // else): null if one of them was written meanwhile (the page may show either side of that
      // write) or the page read something without a version.
      if (!context.pageCacheReads) {
        stats.changedWhileRendering++;
        return;
      }
      const headers = Object.entries(res.getHeaders()).filter(([name]) => !NOT_STORED.has(name));
      const nonce = res.locals.cspNonce ?? "";
      const entry = { version: before, reads: context.pageCacheReads, parts: cutAt(Buffer.concat(chunks, size), nonce), nonce, headers, bytes: size, storedAt: now() };
      store(key, entry);
      stats.stored++;
      release();
    };
    track(next);
  };

  /**
   * For a request the cache may answer: its key, the version now, and the stored page if it is
   * still current (a stale one is dropped). Undefined for a request the cache never answers.
   */
  const find = (req) => {
    const cookie = req.headers.cookie;
    if (req.method !== "GET" || !cookie || req.path.endsWith(".data") || req.path.startsWith("/__")) return undefined;
    if (/(?:^|,)\s*no-cache\s*(?:,|$)/i.test(req.headers["cache-control"] ?? "")) return undefined;
    const key = `${req.originalUrl}\n${cookie}`;
    const current = version();
    const entry = entries.get(key);
    if (entry) {
      if (now() - entry.storedAt > ttlMs) remove(key);
      else if (entry.version !== current) {
        // Something was committed since: current still if none of the page's tables was written.
        if (readsCurrent(entry.reads)) entry.version = current;
        else remove(key);
      }
    }
    return { key, cookie, current, entry: entries.get(key) };
  };

  /** Serve `found.entry` if the session is still live, else `otherwise()`. */
  const serveIfLive = (res, next, found, otherwise) => {
    isLive(found.cookie).then(
      (live) => {
        if (!live) {
          remove(found.key);
          return otherwise();
        }
        stats.hits++;
        // Most recently used last, unless it was replaced or dropped while the session was checked.
        if (entries.get(found.key) === found.entry) {
          entries.delete(found.key);
          entries.set(found.key, found.entry);
        }
        serve(res, found.entry);
      },
      (error) => next(error),
    );
  };

  /**
   * Before the in-flight limiter: a stored page is served at once, without waiting for a slot; a
   * page being rendered for someone else with the same key is waited for, then served.
   */
  const lookup = (req, res, next) => {
    const found = find(req);
    if (!found) return next();
    if (found.entry) return serveIfLive(res, next, found, next);
    if (notKeepable.has(found.key)) return next();
    const rendering = pending.get(found.key);
    if (rendering) {
      stats.waited++;
      let done = false;
      const proceed = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        try {
          const again = find(req);
          if (again?.entry) serveIfLive(res, next, again, next);
          else next();
        } catch (error) {
          next(error);
        }
      };
      // However the render ends (or never ends: a client that stops reading), nobody waits longer.
      const timer = setTimeout(proceed, maxWaitMs);
      rendering.waiters.push(proceed);
      return;
    }
    // This request leads: whoever asks for the same page until it is kept (or known not to be, or
    // its response is over) waits for it.
    const lead = {
      owner: res,
      waiters: [],
      wake: () => {
        if (pending.get(found.key) === lead) pending.delete(found.key);
        for (const waiter of lead.waiters.splice(0)) waiter();
      },
    };
    pending.set(found.key, lead);
    res.once("finish", lead.wake);
    res.once("close", lead.wake);
    next();
  };

  /**
   * After the limiter, just before Remix: look again (the same page may have been stored while
   * this request waited its turn, as happens to everyone queued behind the first render after a
   * write), else render and keep the page.
   */
  const keep = (req, res, next) => {
    const found = find(req);
    // Whatever called us (a slot freed by another request) must not lend us its read set.
    if (!found) return untracked(next);
    if (!found.entry) return render(req, res, next, found.key, found.current);
    serveIfLive(res, next, found, () => render(req, res, next, found.key, version()));
  };

  return {
    lookup,
    keep,
    /** What is held now (tests, diagnosis). */
    stats: () => ({ ...stats, entries: entries.size, bytes }),
  };
}
