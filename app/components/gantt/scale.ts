/**
 * The chart's one time scale: date → x and x → date, for every view. Header labels, grid ticks,
 * bars, baseline ghosts, gate and today lines and drags all go through these two functions.
 *
 * frappe-gantt 1.2.2 is exact in the day-based views (Day, Week) but not in the month-based ones:
 * it starts a bar at month + day/31 and gives it days/30 of a column, while its grid ticks advance
 * by days-in-month/30 of a column; over a 3½-year programme bars, ticks and month labels drift
 * apart by up to half a month. Here a month column holds exactly its own days
 * (month + (day − 1)/days-in-month), so a date always falls inside its own month's column.
 * Pure functions, no DOM (unit-tested in scale.test.ts).
 */
import { addDays, daysBetween, type IsoDate } from "~/domain/core/dates";

export type ScaleUnit = "day" | "month" | "year";

export interface TimeScale {
  /** The chart's first day (frappe's gantt_start). */
  start: IsoDate;
  unit: ScaleUnit;
  /** Units per column (7 for weeks). */
  step: number;
  columnWidth: number;
}

const parts = (iso: IsoDate) => iso.split("-").map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const daysInYear = (y: number) => (daysInMonth(y, 2) === 29 ? 366 : 365);

/** A local-midnight Date (what frappe holds) as an ISO date. */
export function isoOfLocal(date: Date): IsoDate {
  return iso(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** The scale of a frappe-gantt instance. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function scaleOfGantt(gantt: any): TimeScale {
  return { start: isoOfLocal(gantt.gantt_start), unit: gantt.config.unit, step: gantt.config.step, columnWidth: gantt.config.column_width };
}

/** Units (days, months or years, fractional) from the chart's start to the start of `date`. */
function unitsTo(scale: TimeScale, date: IsoDate): number {
  const [y, m, d] = parts(date);
  const [sy, sm] = parts(scale.start);
  switch (scale.unit) {
    case "day":
      return daysBetween(scale.start, date);
    case "month":
      return (y - sy) * 12 + (m - sm) + (d - 1) / daysInMonth(y, m);
    case "year": {
      const dayOfYear = daysBetween(iso(y, 1, 1), date);
      return y - sy + dayOfYear / daysInYear(y);
    }
  }
}

/** x (px from the chart's left edge) of the start of `date`. */
export function xOf(scale: TimeScale, date: IsoDate): number {
  return (unitsTo(scale, date) / scale.step) * scale.columnWidth;
}

/** x of the middle of `date`'s day. */
export function xOfMiddle(scale: TimeScale, date: IsoDate): number {
  return (xOf(scale, date) + xOf(scale, addDays(date, 1))) / 2;
}

/** Width of the days from `start` to `end`, both included. */
export function widthOf(scale: TimeScale, start: IsoDate, end: IsoDate): number {
  return xOf(scale, addDays(end, 1)) - xOf(scale, start);
}

/**
 * The date at x: the day whose span holds x ("floor"), or the day whose start is nearest to x
 * ("round", to turn a dragged bar's edge into a date).
 */
export function dateAt(scale: TimeScale, x: number, mode: "floor" | "round" = "floor"): IsoDate {
  const units = (x / scale.columnWidth) * scale.step;
  const snap = mode === "floor" ? Math.floor : Math.round;
  const [sy, sm] = parts(scale.start);
  switch (scale.unit) {
    case "day":
      return addDays(scale.start, snap(units + (mode === "floor" ? 1e-9 : 0)));
    case "month": {
      const whole = Math.floor(units + 1e-9);
      const index = sy * 12 + (sm - 1) + whole;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      const day = snap((units - whole) * daysInMonth(y, m) + (mode === "floor" ? 1e-9 : 0));
      return addDays(iso(y, m, 1), day);
    }
    case "year": {
      const whole = Math.floor(units + 1e-9);
      const y = sy + whole;
      return addDays(iso(y, 1, 1), snap((units - whole) * daysInYear(y) + (mode === "floor" ? 1e-9 : 0)));
    }
  }
}

/** The first day of `date`'s month. */
export function monthStart(date: IsoDate): IsoDate {
  const [y, m] = parts(date);
  return iso(y, m, 1);
}

/**
 * Where the chart must start and end so that every bar, gate and today fit inside its grid with a
 * margin: without it a today line past the last bar widened the scroll area beyond frappe's
 * header, whose `position: sticky; left: 0` then slid it sideways. The start is aligned to a
 * column boundary (a Monday for weeks, the 1st for months, 1 January for years).
 */
export function chartRange(dates: IsoDate[], unit: ScaleUnit, step: number): { start: IsoDate; end: IsoDate } {
  const sorted = [...dates].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (unit === "day") {
    const margin = step === 1 ? 14 : 28;
    let start = addDays(first, -margin);
    if (step === 7) {
      const weekday = new Date(`${start}T00:00:00Z`).getUTCDay();
      start = addDays(start, -((weekday + 6) % 7));
    }
    return { start, end: addDays(last, margin) };
  }
  if (unit === "month") {
    const [y, m] = parts(first);
    const index = y * 12 + (m - 1) - 2 - ((m - 1) % step);
    const [ly, lm] = parts(last);
    const endIndex = ly * 12 + (lm - 1) + 3;
    return { start: iso(Math.floor(index / 12), (index % 12) + 1, 1), end: iso(Math.floor(endIndex / 12), (endIndex % 12) + 1, 1) };
  }
  return { start: iso(parts(first)[0] - 1, 1, 1), end: iso(parts(last)[0] + 2, 1, 1) };
}
