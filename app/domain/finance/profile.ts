import { assertCents, type Cents } from "~/domain/core/money";

/**
 * Planned spend profiles: a budget line's amount spread over months ('YYYY-MM'). Every function
 * here returns whole cents that add up exactly to the amount asked for (largest remainder method).
 */
export type Month = string;
export const spreadMethods = ["even", "front", "back"] as const;
export type SpreadMethod = (typeof spreadMethods)[number];

export interface MonthAmount {
  month: Month;
  cents: Cents;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function monthOf(isoDate: string): Month {
  return isoDate.slice(0, 7);
}

export function addMonths(month: Month, count: number): Month {
  if (!isMonth(month)) throw new RangeError(`Not a month: ${month}`);
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, both included (empty when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): Month[] {
  if (!isMonth(from) || !isMonth(to)) throw new RangeError(`Not a month range: ${from}…${to}`);
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

export function daysInMonth(month: Month): number {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `T3 2025` (or `Q3 2025`) for a month. */
export function quarterOf(month: Month): { year: number; quarter: number; key: string } {
  const [y, m] = month.split("-").map(Number);
  const quarter = Math.floor((m - 1) / 3) + 1;
  return { year: y, quarter, key: `${y}-Q${quarter}` };
}

/**
 * Splits `total` cents in proportion to `weights`: each share is rounded down, and the cents left
 * over go one each to the largest remainders (ties to the earlier position). Exact for any size:
 * the arithmetic is done in BigInt.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  assertCents(total);
  if (total < 0) throw new RangeError("Cannot allocate a negative amount");
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError("Cannot allocate an amount over no months");
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError("Weights must be whole numbers ≥ 0");
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum === 0) return allocate(total, weights.map(() => 1));
  const big = BigInt(total);
  const sum = BigInt(weightSum);
  const shares = weights.map((w) => (big * BigInt(w)) / sum);
  const remainders = weights.map((w, index) => ({ index, rest: (big * BigInt(w)) % sum }));
  let left = Number(big - shares.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] += 1n;
    left--;
  }
  return shares.map(Number);
}

/** Spreads `total` over `from`…`to`: evenly, front-loaded (linearly decreasing) or back-loaded. */
export function spreadAmount(total: Cents, from: Month, to: Month, method: SpreadMethod): MonthAmount[] {
  const months = monthsBetween(from, to);
  if (months.length === 0) throw new RangeError("The end month is before the start month");
  const n = months.length;
  const weights = months.map((_, i) => (method === "even" ? 1 : method === "front" ? n - i : i + 1));
  const cents = allocate(total, weights);
  return months.map((month, i) => ({ month, cents: cents[i] }));
}

/** Rescales a profile to a new total, keeping its shape (used when a line's amount changes). */
export function scaleProfile(profile: readonly MonthAmount[], total: Cents): MonthAmount[] {
  if (profile.length === 0) return [];
  const cents = allocate(total, profile.map((entry) => entry.cents));
  return profile.map((entry, i) => ({ month: entry.month, cents: cents[i] }));
}

export function profileTotal(profile: readonly { cents: Cents }[]): Cents {
  let total = 0;
  for (const entry of profile) {
    assertCents(entry.cents);
    total += entry.cents;
  }
  assertCents(total);
  return total;
}

/**
 * Planned amount of a month up to a day in it: the whole month once it has ended, otherwise the
 * share of days elapsed (rounded down, so a plan is never overstated).
 */
export function plannedUpTo(month: Month, cents: Cents, asOf: string): Cents {
  const asOfMonth = monthOf(asOf);
  if (month < asOfMonth) return cents;
  if (month > asOfMonth) return 0;
  const day = Number(asOf.slice(8, 10));
  return Number((BigInt(cents) * BigInt(day)) / BigInt(daysInMonth(month)));
}

/** Running totals, month by month. */
export function cumulative(values: readonly Cents[]): Cents[] {
  let running = 0;
  return values.map((value) => (running += value));
}
