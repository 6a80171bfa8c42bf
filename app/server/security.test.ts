import { describe, expect, it } from "vitest";
import { serverConfig } from "./config.js";
import { bodyVerdict, contentSecurityPolicy, isCrossSiteWrite, isUploadPath, securityHeaders } from "./security.js";

const limits = { bodyLimit: 1024, uploadLimit: 10_240 };

describe("isCrossSiteWrite", () => {
  const host = "localhost:3000";
  it("lets same-origin writes and every read through", () => {
    expect(isCrossSiteWrite("POST", { origin: "http://localhost:3000", secFetchSite: "same-origin", host })).toBe(false);
    expect(isCrossSiteWrite("POST", { origin: undefined, secFetchSite: undefined, host })).toBe(false);
    expect(isCrossSiteWrite("GET", { origin: "http://evil.example", secFetchSite: "cross-site", host })).toBe(false);
  });
  it("refuses writes from another origin, a null origin or a cross-site fetch", () => {
    expect(isCrossSiteWrite("POST", { origin: "http://evil.example", secFetchSite: undefined, host })).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "http://localhost:3001", secFetchSite: undefined, host })).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "null", secFetchSite: undefined, host })).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: "not a url", secFetchSite: undefined, host })).toBe(true);
    expect(isCrossSiteWrite("DELETE", { origin: undefined, secFetchSite: "cross-site", host })).toBe(true);
    expect(isCrossSiteWrite("POST", { origin: undefined, secFetchSite: "same-site", host })).toBe(true);
  });
});

describe("bodyVerdict", () => {
  it("measures the declared length against the form or the upload limit", () => {
    expect(bodyVerdict({ method: "POST", pathname: "/gantt", contentLength: "1024" }, limits).verdict).toBe("ok");
    expect(bodyVerdict({ method: "POST", pathname: "/gantt", contentLength: "1025" }, limits).verdict).toBe("too-large");
    expect(bodyVerdict({ method: "POST", pathname: "/finance/import", contentLength: "5000" }, limits).verdict).toBe("ok");
    expect(bodyVerdict({ method: "POST", pathname: "/finance/import.data", contentLength: "10241" }, limits).verdict).toBe("too-large");
    expect(bodyVerdict({ method: "GET", pathname: "/gantt", contentLength: "999999" }, limits).verdict).toBe("ok");
  });
  it("asks for a length when the body is chunked or the length is nonsense", () => {
    expect(bodyVerdict({ method: "POST", pathname: "/login", transferEncoding: "chunked" }, limits).verdict).toBe("length-required");
    expect(bodyVerdict({ method: "POST", pathname: "/login", contentLength: "-1" }, limits).verdict).toBe("length-required");
    expect(bodyVerdict({ method: "POST", pathname: "/login", contentLength: "1e9" }, limits).verdict).toBe("length-required");
  });
  it("knows the upload paths", () => {
    for (const path of ["/finance/import", "/training/import", "/indicators/catalogue", "/documents", "/documents/12/upload", "/procurement/3.data"]) {
      expect(isUploadPath(path), path).toBe(true);
    }
    for (const path of ["/finance", "/finance/import/status", "/login", "/documentsx", "/gantt"]) expect(isUploadPath(path), path).toBe(false);
  });
});

describe("security headers", () => {
  it("carry a nonce-based CSP without unsafe-inline scripts or eval, and no framing", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
  it("send HSTS only over HTTPS", () => {
    expect(securityHeaders("n", { secure: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders("n", { secure: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders("n", { secure: false })).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" });
  });
});

describe("serverConfig", () => {
  it("defaults to one worker per core, no trusted proxy, 1 MiB forms", () => {
    const config = serverConfig({});
    expect(config.workers).toBeGreaterThanOrEqual(1);
    expect(config.trustedProxies).toBe(0);
    expect(config.bodyLimit).toBe(1024 * 1024);
  });
  it("reads the worker count from TRAGUARDI_WORKERS or WEB_CONCURRENCY and refuses typos", () => {
    expect(serverConfig({ TRAGUARDI_WORKERS: "3" }).workers).toBe(3);
    expect(serverConfig({ WEB_CONCURRENCY: "2" }).workers).toBe(2);
    expect(serverConfig({ TRAGUARDI_WORKERS: "4", WEB_CONCURRENCY: "2" }).workers).toBe(4);
    expect(() => serverConfig({ TRUSTED_PROXIES: "yes" })).toThrow(/TRUSTED_PROXIES/);
  });
});
