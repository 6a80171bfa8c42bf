import { dateTimeFormat } from "./intl-cache";

/**
 * Calendar dates are ISO `YYYY-MM-DD` strings. Arithmetic goes through UTC midnight so that
 * daylight-saving changes can never add or lose a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toUtcMs(value: IsoDate): number {
  if (!isIsoDate(value)) throw new RangeError(`Not an ISO date: ${value}`);
  const [y, m, d] = value.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(value) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Today's calendar date in Rome, the programme's time zone. */
export function todayInRome(now: Date = new Date()): IsoDate {
  return dateTimeFormat("en-CA", {
    timeZone: "Europe/Rome",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** `31/12/2025`: the format Italian users read, whatever the UI language. */
export function formatDate(value: IsoDate | null | undefined): string {
  if (!value) return "";
  const [y, m, d] = value.split("-");
  return `${d}/${m}/${y}`;
}

/** Parses `31/12/2025` (or `31-12-2025`, `31.12.2025`) into an ISO date, or null. */
export function parseItalianDate(value: string): IsoDate | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** `T4 2025` in Italian, `Q4 2025` in English. */
export function formatQuarter(value: IsoDate, locale: "it" | "en" = "it"): string {
  const [y, m] = value.split("-").map(Number);
  return `${locale === "it" ? "T" : "Q"}${Math.floor((m - 1) / 3) + 1} ${y}`;
}

/** An event timestamp shown in Rome time: `26/11/2026 14:32`. */
export function formatTimestamp(value: string, locale: "it" | "en" = "it"): string {
  return dateTimeFormat(locale === "it" ? "it-IT" : "en-GB", {
    timeZone: "Europe/Rome",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(new Date(value))
    .replace(",", "");
}

/**
 * The UTC instant at which a Rome calendar day begins (23:00 or 22:00 UTC the day before, by
 * daylight saving time): stored timestamps are UTC, filters and reports speak in Rome days.
 * The offset is taken at the day's noon, so on the two clock-change days the boundary is one hour
 * off (early in March, late in October). Moved here unchanged from the audit model.
 */
export function romeDayStartUtc(iso: IsoDate): string {
  const noonUtc = new Date(`${iso}T12:00:00Z`);
  // Date#toLocaleString's default fields, from formatters made once (issue 15).
  const fields = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" } as const;
  const romeNoon = new Date(dateTimeFormat("en-US", { ...fields, timeZone: "Europe/Rome" }).format(noonUtc));
  const utcNoon = new Date(dateTimeFormat("en-US", { ...fields, timeZone: "UTC" }).format(noonUtc));
  const offsetMs = romeNoon.getTime() - utcNoon.getTime();
  return new Date(Date.parse(`${iso}T00:00:00Z`) - offsetMs).toISOString();
}
