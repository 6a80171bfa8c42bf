import { describe, expect, it } from "vitest";
import { GHOST_OFFSET, MILESTONE_SIDE, ghostGeometry } from "./baseline";
import { BAR_HEIGHT, monthYearLabel } from "./frappe";
import { widthOf, xOf as scaleX, type TimeScale } from "./scale";

const day: TimeScale = { start: "2025-01-01", unit: "day", step: 1, columnWidth: 32 };
const week: TimeScale = { start: "2025-01-01", unit: "day", step: 7, columnWidth: 140 };
const month: TimeScale = { start: "2025-01-01", unit: "month", step: 1, columnWidth: 120 };
const xOf = (scale: TimeScale) => (iso: string) => scaleX(scale, iso);

/** A bar as the chart draws it for these dates (exact-gantt.ts). */
function drawn(scale: TimeScale, from: string, to: string, y = 93) {
  return { x: xOf(scale)(from), y, width: widthOf(scale, from, to), start: from, end: to };
}

describe("ghostGeometry", () => {
  it("puts an unmoved item's ghost exactly under its bar, offset downwards", () => {
    for (const scale of [day, week, month]) {
      const bar = drawn(scale, "2025-03-10", "2025-04-20");
      const ghost = ghostGeometry(bar, { start: "2025-03-10", end: "2025-04-20" }, scale, false);
      expect(ghost.x).toBeCloseTo(bar.x, 6);
      expect(ghost.width).toBeCloseTo(bar.width, 6);
      expect(ghost.y).toBe(bar.y + GHOST_OFFSET);
      expect(ghost.height).toBe(BAR_HEIGHT);
      expect(ghost.shiftDays).toBe(0);
    }
  });

  it("places a moved task's ghost at its old dates: days moved × pixels per day in the Day and Week views", () => {
    const bar = drawn(day, "2025-03-17", "2025-03-28");
    const ghost = ghostGeometry(bar, { start: "2025-03-10", end: "2025-03-21" }, day, false);
    expect(bar.x - ghost.x).toBeCloseTo(7 * 32, 6);
    expect(ghost.width).toBeCloseTo(bar.width, 6);
    expect(ghost.shiftDays).toBe(7);
    const weekBar = drawn(week, "2025-03-17", "2025-03-28");
    const weekGhost = ghostGeometry(weekBar, { start: "2025-03-24", end: "2025-04-10" }, week, false);
    expect(weekGhost.x - weekBar.x).toBeCloseTo(7 * 20, 6);
    expect(weekGhost.width).toBeCloseTo(18 * 20, 6);
    expect(weekGhost.shiftDays).toBe(-7);
  });

  it("uses the exact month scale in the Month view (a ghost a month earlier is one column left)", () => {
    const bar = drawn(month, "2025-05-01", "2025-05-31");
    const ghost = ghostGeometry(bar, { start: "2025-04-01", end: "2025-04-30" }, month, false);
    expect(bar.x - ghost.x).toBeCloseTo(120, 6);
    expect(ghost.width).toBeCloseTo(120, 6);
  });

  it("draws a milestone's ghost as a diamond-sized square centred on its old day", () => {
    const bar = drawn(day, "2025-06-30", "2025-06-30");
    const ghost = ghostGeometry(bar, { start: "2025-06-27", end: "2025-06-27" }, day, true);
    expect(ghost.width).toBe(MILESTONE_SIDE);
    expect(ghost.height).toBe(MILESTONE_SIDE);
    expect(ghost.x + MILESTONE_SIDE / 2).toBeCloseTo(xOf(day)("2025-06-27") + 16, 6);
    expect(ghost.y + MILESTONE_SIDE / 2).toBeCloseTo(bar.y + GHOST_OFFSET + BAR_HEIGHT / 2, 6);
    expect(ghost.shiftDays).toBe(3);
  });
});

describe("monthYearLabel", () => {
  it("names the month with its year, so frappe's sticky header label is found unambiguously", () => {
    expect(monthYearLabel(new Date(2025, 10, 1), "it")).toBe("Novembre 2025");
    expect(monthYearLabel(new Date(2024, 10, 1), "it")).not.toBe(monthYearLabel(new Date(2025, 10, 1), "it"));
    expect(monthYearLabel(new Date(2026, 0, 15), "en")).toBe("January 2026");
  });
});
