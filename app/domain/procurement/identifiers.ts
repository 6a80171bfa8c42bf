/**
 * Italian public-procurement identifiers: CIG (ANAC), CUP, partita IVA and codice fiscale, with
 * the check digits the Agenzia delle Entrate defines. Pure functions, no I/O.
 */

export { CIG_FORMAT, CUP_FORMAT, isValidCig, isValidCup, normalizeCig } from "~/domain/core/pnrr-codes";

/** The check digit of an 11-digit partita IVA (Luhn-like: even positions doubled, minus 9 above 9). */
export function partitaIvaCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidPartitaIva(value: string) {
  const v = value.trim();
  if (!/^[0-9]{11}$/.test(v)) return false;
  return partitaIvaCheckDigit(v.slice(0, 10)) === v.charCodeAt(10) - 48;
}

// Values of characters in odd positions (1st, 3rd, …) of a personal codice fiscale.
const ODD_VALUES: Record<string, number> = {
  "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function evenValue(ch: string) {
  const code = ch.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : code - 65;
}

/**
 * Shape of a person's codice fiscale, including omocodia (digits replaced by L M N P Q R S T U V).
 */
export const PERSONAL_CF_FORMAT = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** The check character of a 16-character codice fiscale, from its first 15 characters. */
export function codiceFiscaleCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i];
    sum += i % 2 === 0 ? ODD_VALUES[ch] : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

export function isValidPersonalCodiceFiscale(value: string) {
  const v = value.trim().toUpperCase();
  if (!PERSONAL_CF_FORMAT.test(v)) return false;
  return codiceFiscaleCheckChar(v.slice(0, 15)) === v[15];
}

export type TaxCodeProblem = "empty" | "format" | "checkDigit";

/**
 * A supplier's tax code: a company's 11-digit codice fiscale / partita IVA (same check digit), or
 * a person's 16-character codice fiscale. Returns the normalised code or why it is refused.
 */
export function checkTaxCode(value: string): { ok: true; value: string; kind: "partitaIva" | "codiceFiscale" } | { ok: false; problem: TaxCodeProblem } {
  const v = value.trim().toUpperCase().replace(/^IT(?=[0-9]{11}$)/, "");
  if (!v) return { ok: false, problem: "empty" };
  if (/^[0-9]{11}$/.test(v)) return isValidPartitaIva(v) ? { ok: true, value: v, kind: "partitaIva" } : { ok: false, problem: "checkDigit" };
  if (PERSONAL_CF_FORMAT.test(v)) return isValidPersonalCodiceFiscale(v) ? { ok: true, value: v, kind: "codiceFiscale" } : { ok: false, problem: "checkDigit" };
  return { ok: false, problem: "format" };
}

/** ATECO 2007/2025 code: 2 to 6 digits written with dots (62, 62.01, 62.01.00). */
export const ATECO_FORMAT = /^[0-9]{2}(?:\.[0-9]{1,2}(?:\.[0-9]{1,2})?)?$/;
