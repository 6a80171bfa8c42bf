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
// - The version the entry reports did not change while the loaders ran (the entry reads it again
//   when they are done, and React's render reads only their data), and is the same at reuse:
//   SQLite's `data_version` (any other connection's commit, from any process) with this
//   connection's `total_changes()` (its own writes), and today's date. So any write to any table,
//   by anyone, retires every cached page at once: there is no list of tables to get wrong.
// - The session is still live (checked against the database at every reuse: expiry, sign-out
//   elsewhere, a deactivated user), and the entry is younger than `ttlMs` (bounds anything that
//   depends on the clock rather than the data, such as an undo window closing).
// The CSP nonce is per response: the stored page's nonce is replaced by this response's.
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

/**
 * @param {{
 *   version: () => string,
 *   isLive: (cookieHeader: string) => Promise<boolean>,
 *   maxBytes?: number,
 *   maxEntryBytes?: number,
 *   ttlMs?: number,
 *   now?: () => number,
 * }} options
 */
export function pageCache({ version, isLive, maxBytes = 16 * MiB, maxEntryBytes = 2 * MiB, ttlMs = 30_000, now = Date.now }) {
  /** @type {Map<string, { version: string, body: string, nonce: string, headers: [string, string | number | string[]][], bytes: number, storedAt: number }>} */
  const entries = new Map();
  let bytes = 0;
  const stats = { hits: 0, rendered: 0, stored: 0, changedWhileRendering: 0 };

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
    const nonce = res.locals.cspNonce;
    res.end(entry.nonce && nonce ? entry.body.replaceAll(entry.nonce, nonce) : entry.body);
  };

  /** Render as usual, and keep the page if every condition holds when it is done. */
  const render = (req, res, next, key, before) => {
    stats.rendered++;
    /** @type {Buffer[] | null} */
    let chunks = [];
    let size = 0;
    const collect = (chunk, encoding) => {
      if (!chunks || chunk == null || typeof chunk === "function") return;
      // The entry marks a page it may keep before the first byte is written: anything else (a
      // download, a page that did not opt in) is not copied at all.
      if (!res.locals.loadContext?.pageCacheable) {
        chunks = null;
        return;
      }
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      size += buffer.length;
      // Too big to be worth keeping (an export rendered as a page): stop collecting.
      if (size > maxEntryBytes) chunks = null;
      else chunks.push(buffer);
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
      if (!chunks || !context?.pageCacheable || res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return;
      if (!String(res.getHeader("content-type") ?? "").startsWith("text/html")) return;
      // The entry noted the version once the loaders had run (the render reads nothing else): if
      // something was written meanwhile, the page may show either side of that write.
      if (context.pageCacheVersion !== before) {
        stats.changedWhileRendering++;
        return;
      }
      const headers = Object.entries(res.getHeaders()).filter(([name]) => !NOT_STORED.has(name));
      store(key, { version: before, body: Buffer.concat(chunks).toString("utf8"), nonce: res.locals.cspNonce ?? "", headers, bytes: size, storedAt: now() });
      stats.stored++;
    };
    next();
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
    if (entry && (entry.version !== current || now() - entry.storedAt > ttlMs)) remove(key);
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

  /** Before the in-flight limiter: a stored page is served at once, without waiting for a slot. */
  const lookup = (req, res, next) => {
    const found = find(req);
    if (!found?.entry) return next();
    serveIfLive(res, next, found, next);
  };

  /**
   * After the limiter, just before Remix: look again (the same page may have been stored while
   * this request waited its turn, as happens to everyone queued behind the first render after a
   * write), else render and keep the page.
   */
  const keep = (req, res, next) => {
    const found = find(req);
    if (!found) return next();
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
