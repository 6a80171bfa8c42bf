/**
 * Italian public-finance codes, defined once for every model, form and import that checks them.
 */

/**
 * ANAC's CIG is 10 characters. Three shapes are in use (all seen in Italia Domani's awards file):
 * - the classic CIG: 7 digits of a progressive number, then 3 hexadecimal characters;
 * - the CIG issued by the certified e-procurement platforms since 1/1/2024: a letter A–F then 9
 *   hexadecimal characters (e.g. B118C88C47);
 * - the "smart CIG" of small contracts: X, Y or Z then 9 hexadecimal characters (e.g. Z273AF7A5C).
 * ANAC does not publish the check algorithm of the last characters, so only the shape is checked.
 */
export const CIG_FORMAT = /^(?:[0-9]{7}[0-9A-F]{3}|[A-F][0-9A-F]{9}|[XYZ][0-9A-F]{9})$/;

export function normalizeCig(value: string) {
  return value.trim().toUpperCase();
}

export function isValidCig(value: string) {
  return CIG_FORMAT.test(normalizeCig(value));
}

/** CUP: 15 characters, a letter (the proposing body's type) then letters and digits. */
export const CUP_FORMAT = /^[A-Z][0-9A-Z]{14}$/;

export function isValidCup(value: string) {
  return CUP_FORMAT.test(value.trim().toUpperCase());
}


/** The names the rest of the code uses. */
export const CIG_PATTERN = CIG_FORMAT;
export const CUP_PATTERN = CUP_FORMAT;
/** Strict checks of a value already normalised (upper case, no spaces). */
export const isCup = (value: string) => CUP_FORMAT.test(value);
export const isCig = (value: string) => CIG_FORMAT.test(value);
