import { formatEuro } from "~/domain/core/money";
import { dateTimeFormat, localeTag } from "~/domain/core/intl-cache";

export function monthLabel(month: string, locale: "it" | "en") {
  const [y, m] = month.split("-").map(Number);
  const name = dateTimeFormat(localeTag(locale), { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  return `${name.replace(".", "")} ${String(y)}`;
}

/** Whole euros on the axis (cents would crowd it), still in the € 1.234.567 style. */
export function axisEuro(cents: number, locale: "it" | "en") {
  return formatEuro(Math.round(cents / 100) * 100, locale).replace(/[,.]00$/, "");
}

