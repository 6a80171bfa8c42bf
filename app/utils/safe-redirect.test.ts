import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

/** What a browser does with the Location header: resolve it against the page's URL. */
function landsOn(location: string) {
  return new URL(location, "http://localhost:3000/login").origin;
}

describe("safeRedirect", () => {
  it.each([
    "/gantt",
    "/gantt?wp=1&wp=2",
    "/finance/ledger?page=2#top",
    "/snapshots/compare?b=now",
  ])("keeps the same-site path %s", (target) => {
    expect(safeRedirect(target)).toBe(target);
  });

  it.each([
    ["/\\evil.example"],
    ["/\\/evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["//evil.example"],
    ["///evil.example"],
    ["/.//evil.example"],
    ["/./\\evil.example"],
    ["https://evil.example"],
    ["http://localhost:3000/gantt"],
    ["javascript:alert(1)"],
    ["evil.example"],
    ["/gantt\r\nSet-Cookie: x=1"],
    ["/%0d%0a"],
    [""],
    [" /gantt"],
  ])("refuses %j and falls back to /", (target) => {
    const result = safeRedirect(target);
    // Either refused outright, or (percent-encoded input) kept as a harmless same-site path.
    expect(landsOn(result)).toBe("http://localhost:3000");
    expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
    expect(/[\u0000-\u001f\\]/.test(result)).toBe(false);
  });

  it("falls back for the attacks the review found", () => {
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("/\t/evil.example")).toBe("/");
    expect(safeRedirect("//evil")).toBe("/");
    expect(safeRedirect("https://evil")).toBe("/");
    expect(safeRedirect("/gantt\nx")).toBe("/");
  });

  it("accepts only strings and honours the fallback", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/gantt")).toBe("/gantt");
    expect(safeRedirect(42)).toBe("/");
    expect(safeRedirect("/x".repeat(3000))).toBe("/");
  });
});
