import type { IsoDate } from "../core/dates";

/** A reporting month, `YYYY-MM`. */
export type Period = string;

export function isPeriod(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return Boolean(match && Number(match[2]) >= 1 && Number(match[2]) <= 12);
}

export function periodOf(date: IsoDate): Period {
  return date.slice(0, 7);
}

export function addMonths(period: Period, months: number): Period {
  const [y, m] = period.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthStart(period: Period): IsoDate {
  return `${period}-01`;
}

export function monthEnd(period: Period): IsoDate {
  const [y, m] = period.split("-").map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(day).padStart(2, "0")}`;
}

/** A given day of a month: `dayOf("2025-11", 20)` → 2025-11-20. */
export function dayOf(period: Period, day: number): IsoDate {
  return `${period}-${String(day).padStart(2, "0")}`;
}

const MONTHS_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "ottobre 2025" / "October 2025". */
export function formatPeriod(period: Period, locale: "it" | "en" = "it"): string {
  const [y, m] = period.split("-").map(Number);
  return `${(locale === "en" ? MONTHS_EN : MONTHS_IT)[m - 1]} ${y}`;
}
