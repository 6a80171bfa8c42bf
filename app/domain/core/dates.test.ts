import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatDate, formatQuarter, isIsoDate, parseItalianDate, romeDayStartUtc, todayInRome } from "./dates";

describe("dates", () => {
  it("adds days across the March and October clock changes without drift", () => {
    expect(addDays("2025-03-29", 2)).toBe("2025-03-31");
    expect(addDays("2025-10-25", 3)).toBe("2025-10-28");
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-10-25", "2025-10-28")).toBe(3);
  });
  it("validates calendar dates", () => {
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("31/12/2025")).toBe(false);
  });
  it("formats and parses the Italian way", () => {
    expect(formatDate("2025-12-31")).toBe("31/12/2025");
    expect(parseItalianDate("31/12/2025")).toBe("2025-12-31");
    expect(parseItalianDate("1/2/2026")).toBe("2026-02-01");
    expect(parseItalianDate("31/02/2026")).toBeNull();
    expect(formatQuarter("2025-12-31")).toBe("T4 2025");
    expect(formatQuarter("2026-06-30", "en")).toBe("Q2 2026");
  });
  it("takes today's date in Rome, not UTC", () => {
    expect(todayInRome(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(todayInRome(new Date("2025-07-01T21:59:00Z"))).toBe("2025-07-01");
  });
});

describe("romeDayStartUtc", () => {
  it("starts a Rome day at 23:00 UTC in winter and 22:00 UTC in summer", () => {
    expect(romeDayStartUtc("2025-11-14")).toBe("2025-11-13T23:00:00.000Z");
    expect(romeDayStartUtc("2025-07-01")).toBe("2025-06-30T22:00:00.000Z");
  });
});
