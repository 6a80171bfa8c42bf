/**
 * The domain's plausible ranges, one place for every edge: the zod form schemas, the CSV readers
 * and the database triggers (migration domain_bounds) all use these figures, so a value the forms
 * accept is one the database accepts and every reader can show.
 *
 * - Dates: 2000-01-01 … 2100-12-31. The PNRR runs 2021–2026; the margin covers baselines and
 *   long-lived indicators while keeping every date four digits wide and day arithmetic inside the
 *   calendar (a wave ending 9999-12-31 used to make "the day after" 10000-01-01).
 * - Money: |amount| ≤ 10^13 cents (€ 100.000.000.000,00, about half of Italy's whole PNRR) per
 *   stored amount. Sums of up to ~900 such amounts stay exact in a JS number (2^53 cents ≈
 *   € 90.071.992.547.409,91); SQLite sums exactly to 2^63.
 * - Counts (headcounts, capacities, people trained in one row): ≤ 1.000.000 (Emilia-Romagna's
 *   health service employs about 60.000 people).
 * - Progress and percentages: 0–100. Other indicator values: |value| ≤ 10^12.
 */
import { z } from "zod";
import type { MessageKey, Translate } from "~/i18n";
import { isIsoDate } from "./dates";

export const MIN_DATE = "2000-01-01";
export const MAX_DATE = "2100-12-31";
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;
export const MAX_COUNT = 1_000_000;
export const MAX_INDICATOR_VALUE = 1_000_000_000_000;
export const MIN_MONTH = MIN_DATE.slice(0, 7);
export const MAX_MONTH = MAX_DATE.slice(0, 7);

/** A well-formed ISO date inside the domain's range (string comparison works on ISO dates). */
export function isDateInBounds(value: string): boolean {
  return value >= MIN_DATE && value <= MAX_DATE;
}

export function isMonthInBounds(value: string): boolean {
  return value >= MIN_MONTH && value <= MAX_MONTH;
}

export function isAmountInBounds(cents: number): boolean {
  return Number.isSafeInteger(cents) && Math.abs(cents) <= MAX_AMOUNT_CENTS;
}

export function isCountInBounds(count: number): boolean {
  return Number.isSafeInteger(count) && Math.abs(count) <= MAX_COUNT;
}

/** What is wrong with a date field, as a message key, or null when it is fine. */
export function dateProblem(value: string | null | undefined): "validation.date" | "bounds.date" | null {
  if (typeof value !== "string" || !isIsoDate(value)) return "validation.date";
  return isDateInBounds(value) ? null : "bounds.date";
}

/** A required ISO date field inside the bounds, for every form schema. */
export function boundedDate(t: Translate, requiredKey: MessageKey = "validation.required") {
  return z
    .string({ error: t(requiredKey) })
    .refine(isIsoDate, t("validation.date"))
    .refine((value) => !isIsoDate(value) || isDateInBounds(value), t("bounds.date"));
}
