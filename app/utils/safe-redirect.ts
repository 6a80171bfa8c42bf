/**
 * Redirect targets that come from the client (`redirectTo` in a query string or a form) may only
 * lead to a path on our own origin. The check parses the target with the WHATWG URL parser, the
 * one browsers use to resolve a Location header, against a stand-in for our origin, and accepts it
 * only when the result is still on that origin. Host headers are never consulted (they are the
 * client's to choose).
 *
 * Refused, falling back to "/": anything not starting with a single "/", backslashes (browsers
 * read `/\evil.example` as `//evil.example`), ASCII control characters (tabs and newlines are
 * stripped by the parser, so `/\t/evil.example` is `//evil.example`; a newline in a header is a 500
 * in Node), and any target that normalises to a protocol-relative `//host` path.
 */
const SELF = "http://traguardi.invalid";
const MAX_LENGTH = 2048;

export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_LENGTH) return fallback;
  if (!target.startsWith("/") || target.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF || url.username || url.password) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil" normalises to "//evil", which a browser would read as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
