import { countFormatter } from "~/domain/core/count-format";
import type { IndicatorUnit } from "~/domain/training/training-values";

/**
 * An indicator value as every screen and export writes it: counts whole and grouped (2.981),
 * percentages and plain values with one decimal at most (82,1%). The web's indicator pages, the
 * frozen tables of a snapshot and the evidence PDF all call this.
 */
export function formatIndicatorValue(value: number | null | undefined, unit: IndicatorUnit, locale: "it" | "en" = "it"): string {
  if (value == null) return "—";
  const number = countFormatter(locale, { maximumFractionDigits: unit === "count" ? 0 : 1 });
  return `${number.format(value)}${unit === "percent" ? "%" : ""}`;
}
