/**
 * Indicator trajectories: the straight path from a baseline to a target value by its due date,
 * and whether the measurements keep to it. Works for rising and falling targets alike.
 */
import { daysBetween, type IsoDate } from "~/domain/core/dates";

export interface TrajectoryIndicator {
  baseline: number;
  baselineDate: IsoDate;
  targetValue: number;
  dueDate: IsoDate;
}

export interface Measurement {
  date: IsoDate;
  value: number;
}

export type IndicatorStatus = "on_track" | "at_risk" | "missed";

/**
 * How far behind the path a measurement may be, as a share of the whole baseline→target
 * distance, before the indicator is at risk.
 */
export const PATH_TOLERANCE = 0.1;

/** The value the straight path expects on `date` (baseline before it starts, target after it ends). */
export function pathValue(indicator: TrajectoryIndicator, date: IsoDate): number {
  if (date <= indicator.baselineDate) return indicator.baseline;
  if (date >= indicator.dueDate) return indicator.targetValue;
  const share = daysBetween(indicator.baselineDate, date) / daysBetween(indicator.baselineDate, indicator.dueDate);
  return indicator.baseline + (indicator.targetValue - indicator.baseline) * share;
}

/** +1 when the target is above the baseline, -1 below (a falling indicator), 0 when equal. */
function direction(indicator: TrajectoryIndicator) {
  return Math.sign(indicator.targetValue - indicator.baseline);
}

/** `value` is at or beyond `reference` in the indicator's direction (equal baseline/target: >=). */
function reaches(indicator: TrajectoryIndicator, value: number, reference: number) {
  return direction(indicator) < 0 ? value <= reference : value >= reference;
}

export function latestMeasurement(measurements: Measurement[], asOf: IsoDate): Measurement | null {
  let latest: Measurement | null = null;
  for (const m of measurements) if (m.date <= asOf && (!latest || m.date >= latest.date)) latest = m;
  return latest;
}

export interface IndicatorAssessment {
  status: IndicatorStatus;
  achieved: boolean;
  latest: Measurement | null;
  /** Path value at the latest measurement's date (or at asOf without one). */
  expected: number;
  /** latest − expected, in the indicator's unit; positive is ahead for a rising target. */
  gap: number | null;
}

/**
 * - Target reached by a measurement on or before the due date → on track (achieved).
 * - Due date passed without reaching it → missed.
 * - Otherwise: on track when the latest measurement is within PATH_TOLERANCE of the path at its
 *   date; at risk when further behind, or when nothing has been measured yet.
 */
export function assessIndicator(indicator: TrajectoryIndicator, measurements: Measurement[], asOf: IsoDate): IndicatorAssessment {
  const latest = latestMeasurement(measurements, asOf);
  const achieved = measurements.some(
    (m) => m.date <= asOf && m.date <= indicator.dueDate && reaches(indicator, m.value, indicator.targetValue),
  );
  const expected = pathValue(indicator, latest?.date ?? asOf);
  const gap = latest ? latest.value - expected : null;
  if (achieved) return { status: "on_track", achieved, latest, expected, gap };
  if (asOf > indicator.dueDate) return { status: "missed", achieved, latest, expected, gap };
  if (!latest) return { status: "at_risk", achieved, latest, expected, gap };
  const slack = Math.abs(indicator.targetValue - indicator.baseline) * PATH_TOLERANCE;
  const dir = direction(indicator) || 1;
  const onPath = reaches(indicator, latest.value + dir * slack, expected);
  return { status: onPath ? "on_track" : "at_risk", achieved, latest, expected, gap };
}

/** Points for a chart: the target path (baseline, due date) and the measured series, merged by date. */
export function trajectorySeries(indicator: TrajectoryIndicator, measurements: Measurement[]) {
  const dates = new Set<IsoDate>([indicator.baselineDate, indicator.dueDate, ...measurements.map((m) => m.date)]);
  const byDate = new Map(measurements.map((m) => [m.date, m.value]));
  return [...dates].sort().map((date) => ({
    date,
    target: pathValue(indicator, date),
    actual: byDate.get(date) ?? null,
  }));
}
