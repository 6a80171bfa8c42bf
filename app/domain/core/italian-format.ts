import { parseItalianDate, type IsoDate } from "./dates";
import type { Cents } from "./money";

/**
 * Italian number and date formats, without any CSV machinery (so the browser can use them too):
 * amounts like 1.234.567,89 and dates like 31/12/2025, read exactly into cents and ISO dates;
 * counts like 1.234, decimals like 85,5, and "N/A" for no value. The one place for these: every
 * import (ledger, training completions, PNRR catalogue) reads its cells with them.
 */
export type AmountProblem = "empty" | "format" | "decimals" | "range";

export type Parsed<T, Problem extends string> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Digits with a dot every three as thousands separator (`1.234.567`), or plain digits. */
const DIGITS = String.raw`\d{1,3}(?:\.\d{3})+|\d+`;

const AMOUNT = new RegExp(`^(${DIGITS})(?:,(\\d+))?$`);

const MAX_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

function toCents(negative: boolean, integerDigits: string, decimals: string): Parsed<Cents, AmountProblem> {
  const fraction = decimals.replace(/0+$/, "");
  if (fraction.length > 2) return { ok: false, problem: "decimals" };
  const cents = BigInt(integerDigits || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
  if (cents > MAX_CENTS) return { ok: false, problem: "range" };
  const value = Number(cents);
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/**
 * `1.234.567,89`, `-1.234,56`, `1234,5`, `€ 1.000`, `(1.234,56)` (accounting negative) → cents.
 * A dot is only ever a thousands separator, so `1.234` is one thousand two hundred thirty-four
 * and `12.34` is an error.
 */
export function parseItalianAmount(text: string): Parsed<Cents, AmountProblem> {
  let value = text.replace(/[\s\u00a0]/g, "").replace(/€/g, "");
  if (value === "") return { ok: false, problem: "empty" };
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  const sign = /^([+\-−])(.*)$/.exec(value);
  if (sign) {
    if (negative) return { ok: false, problem: "format" };
    negative = sign[1] !== "+";
    value = sign[2];
  }
  const match = AMOUNT.exec(value);
  if (!match) return { ok: false, problem: "format" };
  return toCents(negative, match[1].replace(/\./g, ""), match[2] ?? "");
}

/** Machine decimals with a dot (`192570000.0`, `-12.5`), as open-data files write them → cents, exactly. */
export function parseDecimalAmount(text: string): Parsed<Cents, AmountProblem> {
  const value = text.trim();
  if (value === "") return { ok: false, problem: "empty" };
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { ok: false, problem: "format" };
  return toCents(match[1] === "-", match[2], match[3] ?? "");
}

export type DateProblem = "empty" | "format" | "invalid";

/** `31/12/2025` → `2025-12-31`; tells a wrong shape apart from a day that does not exist. */
export function parseItalianDateField(text: string): Parsed<IsoDate, DateProblem> {
  const value = text.trim();
  if (value === "") return { ok: false, problem: "empty" };
  if (!/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(value)) return { ok: false, problem: "format" };
  const iso = parseItalianDate(value);
  return iso ? { ok: true, value: iso } : { ok: false, problem: "invalid" };
}

/** "N/A", "n.d.", "-" and blanks mean "no value" → null; anything else comes back trimmed. */
export function blankToNull(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  if (trimmed === "" || /^(n\/?a|n\.?d\.?|-|—)$/i.test(trimmed)) return null;
  return trimmed;
}

const INTEGER = new RegExp(`^-?(?:${DIGITS})$`);
const DECIMAL = new RegExp(`^-?(?:${DIGITS})(?:,\\d+)?$`);

/** "1.234" or "1234" → 1234; "-5" → -5; anything else (decimals, text) → null. */
export function parseItalianInteger(value: string): number | null {
  const trimmed = value.trim().replace(/\s/g, "");
  if (!INTEGER.test(trimmed)) return null;
  const parsed = Number(trimmed.replace(/\./g, ""));
  return Number.isSafeInteger(parsed) ? parsed : null;
}

/** "1.234,5", "85", "85,0", "85%", "0.5" (a single dot followed by 1–2 digits reads as decimal) → number. */
export function parseItalianDecimal(value: string): number | null {
  const trimmed = value.trim().replace(/\s|%/g, "");
  if (DECIMAL.test(trimmed)) return Number(trimmed.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+\.\d{1,2}$/.test(trimmed)) return Number(trimmed);
  return null;
}
