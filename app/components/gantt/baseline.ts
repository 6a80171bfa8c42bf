/**
 * Ghost baseline bars: where an item stood in an older snapshot, drawn under its current bar.
 * Pure geometry, no DOM: the chart feeds it frappe-gantt's drawn bar and scale.
 */
import { daysBetween, type IsoDate } from "~/domain/core/dates";
import { BAR_HEIGHT } from "./frappe";
import { widthOf, xOf, type TimeScale } from "./scale";

/** An item's dates in the baseline snapshot (a milestone has start = end). */
export interface BaselineDates {
  start: IsoDate;
  end: IsoDate;
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

/**
 * The ghost of one item, placed relative to its current bar so an unmoved item's ghost lines up
 * with its bar exactly. Positions come from the chart's one time scale (scale.ts): the horizontal
 * shift is the difference of the two start dates' positions.
 */
export function ghostGeometry(bar: DrawnBar, base: BaselineDates, scale: TimeScale, milestone: boolean): Ghost {
  const x = bar.x + (xOf(scale, base.start) - xOf(scale, bar.start));
  const width = widthOf(scale, base.start, base.end);
  const shiftDays = daysBetween(base.start, bar.start);
  const y = bar.y + GHOST_OFFSET;
  if (milestone) return { x: x + width / 2 - MILESTONE_SIDE / 2, y: y + (BAR_HEIGHT - MILESTONE_SIDE) / 2, width: MILESTONE_SIDE, height: MILESTONE_SIDE, shiftDays, milestone };
  return { x, y, width, height: BAR_HEIGHT, shiftDays, milestone };
}
