import { localeTag, numberFormat } from "./intl-cache";

/**
 * Whole numbers as Italian readers write them: 1.200, 18.670. Italian CLDR data leaves 4-digit
 * numbers ungrouped ("1200"), which reads oddly next to 18.670 in the same table.
 */
export function countFormatter(locale: "it" | "en", options: Intl.NumberFormatOptions = {}) {
  // "always" is ES2023; the project's TS lib types only know booleans here.
  const useGrouping = "always" as unknown as boolean;
  // One instance per locale and options for the whole process (issue 15: one per cell was costly).
  return numberFormat(localeTag(locale), { ...options, useGrouping });
}
