import { describe, expect, it } from "vitest";
import { chartRange, dateAt, widthOf, xOf, xOfMiddle, type TimeScale } from "./scale";

const day: TimeScale = { start: "2025-06-01", unit: "day", step: 1, columnWidth: 32 };
const week: TimeScale = { start: "2025-06-02", unit: "day", step: 7, columnWidth: 140 };
const month: TimeScale = { start: "2022-11-01", unit: "month", step: 1, columnWidth: 120 };
const year: TimeScale = { start: "2022-01-01", unit: "year", step: 1, columnWidth: 120 };

describe("the chart's time scale", () => {
  it("puts every date of a month inside that month's column, in 28-, 30- and 31-day months", () => {
    // Column i of the Month view is month i from the start: [i × 120, (i + 1) × 120).
    for (const [date, column] of [
      ["2022-11-01", 0],
      ["2022-11-30", 0],
      ["2023-02-28", 3],
      ["2023-07-31", 8],
      ["2026-06-30", 43],
      ["2026-12-01", 49],
      ["2026-12-31", 49],
    ] as const) {
      const x = xOfMiddle(month, date);
      expect(x, date).toBeGreaterThan(column * 120);
      expect(x, date).toBeLessThan((column + 1) * 120);
    }
    expect(xOf(month, "2023-03-01")).toBe(4 * 120);
    expect(widthOf(month, "2023-02-01", "2023-02-28")).toBeCloseTo(120, 9);
    expect(widthOf(month, "2023-07-31", "2023-11-30")).toBeCloseTo(120 / 31 + 4 * 120, 9);
  });

  it("is calendar days in the Day and Week views, across the daylight-saving change", () => {
    expect(xOf(day, "2025-06-11")).toBe(320);
    expect(xOf(week, "2025-06-16")).toBe(280);
    expect(widthOf(day, "2025-10-20", "2025-10-31")).toBe(12 * 32);
    expect(xOf(year, "2023-07-02")).toBeCloseTo(120 + (182 / 365) * 120, 9);
  });

  it("reads a date back from x: the day that holds it, or the nearest day start", () => {
    for (const scale of [day, week, month, year])
      for (const date of ["2025-06-30", "2025-07-01", "2025-12-31", "2026-01-01", "2026-02-28"]) {
        expect(dateAt(scale, xOf(scale, date)), `${scale.unit}/${scale.step} ${date}`).toBe(date);
        expect(dateAt(scale, xOfMiddle(scale, date))).toBe(date);
        expect(dateAt(scale, xOf(scale, date) + widthOf(scale, date, date) * 0.3, "round")).toBe(date);
      }
  });

  it("spans bars, today and gates with a margin, starting on a column boundary", () => {
    // Today (01/12/2026) after the programme's end (30/06/2026): the chart reaches past it.
    const dates = ["2023-01-02", "2026-06-30", "2026-12-01", "2025-12-31"];
    expect(chartRange(dates, "month", 1)).toEqual({ start: "2022-11-01", end: "2027-03-01" });
    const weeks = chartRange(dates, "day", 7);
    expect(new Date(`${weeks.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(weeks.end > "2026-12-01").toBe(true);
    expect(chartRange(dates, "day", 1)).toEqual({ start: "2022-12-19", end: "2026-12-15" });
    // Today before the programme's start.
    expect(chartRange(["2022-09-15", ...dates.slice(0, 2)], "month", 1).start).toBe("2022-07-01");
  });
});
