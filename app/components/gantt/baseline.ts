/**
 * Ghost baseline bars: where an item stood in an older snapshot, drawn under its current bar.
 * Pure geometry, no DOM: the chart feeds it frappe-gantt's drawn bar and scale.
 */
import { daysBetween, type IsoDate } from "~/domain/core/dates";
import { BAR_HEIGHT } from "./frappe";

/** An item's dates in the baseline snapshot (a milestone has start = end). */
export interface BaselineDates {
  start: IsoDate;
  end: IsoDate;
}

/** frappe-gantt's scale: its config.unit / step / column_width. */
export interface ChartScale {
  unit: string;
  step: number;
  columnWidth: number;
}

/** The current bar as frappe computed it (bar.x, bar.y, bar.width: before any reshaping) and its dates. */
export interface DrawnBar {
  x: number;
  y: number;
  width: number;
  start: IsoDate;
  end: IsoDate;
}

export interface Ghost {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Days the item's start moved since the baseline (positive: later now). */
  shiftDays: number;
  milestone: boolean;
}

/** How far below its bar a ghost sits: the bar covers it except for this strip, so both read. */
export const GHOST_OFFSET = 8;
/** A milestone's diamond side, as decorate() draws it. */
export const MILESTONE_SIDE = Math.round(BAR_HEIGHT * 0.7);

const DAYS_PER_UNIT: Record<string, number> = { day: 1, month: 30, year: 365 };

/** Width frappe-gantt gives a bar of `days` calendar days (its compute_duration / convert_scales). */
export function widthOfDays(days: number, scale: ChartScale): number {
  return ((days / (DAYS_PER_UNIT[scale.unit] ?? 1)) / scale.step) * scale.columnWidth;
}

/**
 * The ghost of one item, placed relative to its current bar so an unmoved item's ghost lines up
 * with its bar exactly. `xOf` is the chart's date-to-x function (frappe's own date.diff logic);
 * the horizontal shift is the difference of the two start dates' positions.
 */
export function ghostGeometry(bar: DrawnBar, base: BaselineDates, scale: ChartScale, xOf: (iso: IsoDate) => number, milestone: boolean): Ghost {
  const x = bar.x + (xOf(base.start) - xOf(bar.start));
  const days = daysBetween(base.start, base.end) + 1;
  const width = widthOfDays(days, scale);
  const shiftDays = daysBetween(base.start, bar.start);
  const y = bar.y + GHOST_OFFSET;
  if (milestone) return { x: x + width / 2 - MILESTONE_SIDE / 2, y: y + (BAR_HEIGHT - MILESTONE_SIDE) / 2, width: MILESTONE_SIDE, height: MILESTONE_SIDE, shiftDays, milestone };
  return { x, y, width, height: BAR_HEIGHT, shiftDays, milestone };
}
