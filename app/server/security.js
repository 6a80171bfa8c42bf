// Request-level security for every response the server sends: headers (CSP with a per-request
// nonce), the cross-site POST check and the body-size limits. Pure functions, unit-tested in
// security.test.ts; app.js wires them into express.
import { randomBytes } from "node:crypto";
import { uploadPathPattern } from "./config.js";

export function newNonce() {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy. Scripts only from our origin or carrying this request's nonce
 * (Remix's inline hydration and streaming scripts get it via <Scripts nonce>, <ScrollRestoration
 * nonce> and <RemixServer nonce>); no eval, no inline handlers, no plugins, no <base> rewriting, no
 * framing. style-src keeps 'unsafe-inline' because React `style` props, recharts' SVG and
 * frappe-gantt write style attributes, which cannot carry a nonce (and a nonce in style-src would
 * disable 'unsafe-inline'); CSS cannot run script, so this leaves only style injection, against
 * which React's escaping already protects. img-src allows data: and blob: for the Gantt's PNG/PDF
 * export (drawn on a canvas, jspdf) and bootstrap-italia's inline SVG icons.
 */
/** @param {string} nonce */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers on every response, page, resource route or static file. HSTS only over HTTPS. */
/** @param {string} nonce @param {{ secure: boolean }} options */
export function securityHeaders(nonce, { secure }) {
  /** @type {Record<string, string>} */
  const headers = {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (secure) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a state-changing request comes from another site. Browsers send Origin on every POST and
 * Sec-Fetch-Site on most; either one naming anything but us is refused. A request with neither
 * (curl, scripts) cannot be a browser's cross-site form and passes on to the session checks.
 * `host` is the Host header (or X-Forwarded-Host when a trusted proxy sets it).
 */
/** @param {string} method @param {{ origin?: string | null, secFetchSite?: string, host?: string }} headers */
export function isCrossSiteWrite(method, { origin, secFetchSite, host }) {
  if (!unsafeMethods.has(method)) return false;
  if (secFetchSite && secFetchSite !== "same-origin" && secFetchSite !== "none") return true;
  if (origin === undefined || origin === null || origin === "") return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function isUploadPath(pathname) {
  return uploadPathPattern.test(pathname);
}

/**
 * The body limit for a request: the upload limit on upload paths, the form limit elsewhere.
 * Returns the verdict before a byte of the body is read: "ok", "too-large" (413), or
 * "length-required" (411: a body without Content-Length, which no browser form sends, could not be
 * measured before parsing).
 */
/**
 * @param {{ method: string, pathname: string, contentLength?: string, transferEncoding?: string }} request
 * @param {{ bodyLimit: number, uploadLimit: number }} limits
 */
export function bodyVerdict({ method, pathname, contentLength, transferEncoding }, { bodyLimit, uploadLimit }) {
  if (!unsafeMethods.has(method)) return { verdict: "ok", limit: bodyLimit };
  const limit = isUploadPath(pathname) ? uploadLimit : bodyLimit;
  if (contentLength === undefined || contentLength === "") {
    return { verdict: transferEncoding ? "length-required" : "ok", limit };
  }
  if (!/^\d{1,15}$/.test(contentLength)) return { verdict: "length-required", limit };
  const length = Number(contentLength);
  return { verdict: length > limit ? "too-large" : "ok", limit };
}
