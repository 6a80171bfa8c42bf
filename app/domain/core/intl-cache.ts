/**
 * Intl formatters, made once per locale tag and options and then reused (issue 15). Building an
 * Intl.NumberFormat or DateTimeFormat costs tens of microseconds and native (ICU) memory that only
 * goes back when the garbage collector gets to the wrapper; the heatmap made two per cell, the audit
 * log one per row, the S-curve one per month label, and under load that was a tenth of the server's
 * CPU and a large share of its RSS. Formatting with a shared instance is stateless, so one per
 * process serves every request. `Number#toLocaleString` and `Date#toLocaleString` with options
 * build a new formatter on every call: use these instead.
 *
 * The key set is small and fixed by the code (locale tags and literal options); the bound below is
 * only a guard against a caller passing something open-ended.
 */
const MAX_ENTRIES = 256;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(
  cache: Map<string, F>,
  tag: string,
  options: object | undefined,
  make: () => F
): F {
  const key = options ? `${tag}|${JSON.stringify(options)}` : tag;
  let formatter = cache.get(key);
  if (!formatter) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function numberFormat(
  tag: string,
  options?: Intl.NumberFormatOptions
): Intl.NumberFormat {
  return cached(
    numberFormats,
    tag,
    options,
    () => new Intl.NumberFormat(tag, options)
  );
}

export function dateTimeFormat(
  tag: string,
  options?: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
  return cached(
    dateTimeFormats,
    tag,
    options,
    () => new Intl.DateTimeFormat(tag, options)
  );
}

/** The BCP 47 tag the UI uses for each of its languages. */
export function localeTag(locale: "it" | "en"): "it-IT" | "en-GB" {
  return locale === "it" ? "it-IT" : "en-GB";
}

const collators = new Map<string, Intl.Collator>();

/** A shared Intl.Collator: `a.localeCompare(b, tag, options)` builds a new one on every call. */
export function collator(tag: string, options?: Intl.CollatorOptions): Intl.Collator {
  return cached(collators, tag, options, () => new Intl.Collator(tag, options));
}

/**
 * Codes and labels in Italian order with their numbers by value ("WP2.9" before "WP2.10"), as
 * `a.localeCompare(b, "it", { numeric: true })` but with one collator for the process (a sort of
 * 30,000 rows called that comparison half a million times, each building its own collator).
 */
export const compareCodes: (a: string, b: string) => number = new Intl.Collator("it", { numeric: true }).compare;

/** Names in Italian order, as `a.localeCompare(b, "it")`. */
export const compareItalian: (a: string, b: string) => number = new Intl.Collator("it").compare;
