/** Money is integer euro cents everywhere; formatting happens only at the edge. */
export type Cents = number;

// Italian CLDR data leaves four-digit numbers ungrouped ("1000,00"); public documents write 1.000,00.
// "always" is ES2023; the TS lib in use only types booleans here.
const useGrouping = "always" as unknown as boolean;
const formatters = {
  it: new Intl.NumberFormat("it-IT", { style: "currency", currency: "EUR", minimumFractionDigits: 2, useGrouping }),
  en: new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR", minimumFractionDigits: 2, useGrouping }),
};

/** `€ 39.000.000,00` in Italian. */
export function formatEuro(cents: Cents, locale: "it" | "en" = "it"): string {
  // A reader never throws on what it is shown: a total past 2^53 cents (only possible by summing
  // hundreds of maximal amounts) is formatted as the nearest double, not refused (issue 11).
  if (!Number.isFinite(cents)) return "—";
  if (!Number.isInteger(cents)) cents = Math.round(cents);
  const text = formatters[locale].format(cents / 100);
  // it-IT puts the sign after the number ("39.000.000,00 €"); Italian public documents write "€ 39.000.000,00".
  if (locale === "it") {
    const negative = cents < 0;
    const digits = text.replace(/[€\s\u00a0-]/g, "").replace("−", "");
    return `${negative ? "-" : ""}€ ${digits}`;
  }
  return text;
}

export function assertCents(value: number): asserts value is Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of cents: ${value}`);
}

/** Sums cents exactly; throws rather than lose precision. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) {
    assertCents(value);
    total += value;
  }
  assertCents(total);
  return total;
}
