/**
 * The one CSV writer for every export (Gantt plan, finance tables, the evidence ZIP): Italian
 * spreadsheet conventions (";" separator, UTF-8 with BOM, CRLF line ends) and cells that a
 * spreadsheet cannot run as formulas.
 *
 * Formula neutralisation: a text cell whose first character is = + - @ (also after leading
 * spaces), or that starts with a tab or carriage return, gets a leading apostrophe, which
 * spreadsheets show as text. One exception keeps exported amounts usable: a minus followed only
 * by a number ("-1.234,56", "-1234,56", "-12,5%") is a negative number, not a formula, and is
 * written as it is. JavaScript numbers are written as numbers and never need it.
 */
export type CsvValue = string | number | bigint | null | undefined;

/** A negative number as the exports format it: -1234,56, -1.234,56, -3, -12,5%. */
const NEGATIVE_NUMBER = /^-\d[\d.]*(?:,\d+)?%?$/;
const FORMULA_START = /^[=+\-@]/;

/** The text a spreadsheet will show as text, never evaluate. */
export function neutraliseFormula(text: string): string {
  if (/^[\t\r]/.test(text)) return `'${text}`;
  const trimmed = text.replace(/^ +/, "");
  if (FORMULA_START.test(trimmed) && !NEGATIVE_NUMBER.test(trimmed)) return `'${text}`;
  return text;
}

/** One cell: empty for null, numbers as they are, text neutralised and quoted when needed. */
export function csvCell(value: CsvValue, separator = ";"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  const safe = neutraliseFormula(value);
  return safe.includes(separator) || /["\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export interface CsvOptions {
  /** ";" for Italian spreadsheets (the default). */
  separator?: string;
  /** A UTF-8 byte-order mark, so Excel reads accents right (the default). */
  bom?: boolean;
}

/** A whole file: one line per row, CRLF after each (including the last). */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ";";
  const body = rows.map((row) => row.map((value) => csvCell(value, separator)).join(separator)).join("\r\n");
  return `${options.bom === false ? "" : "\uFEFF"}${body}\r\n`;
}

export const CSV_BOM = "\uFEFF";

/** One line of a file written row by row (streamed exports): cells neutralised, CRLF at the end. */
export function csvLine(cells: readonly CsvValue[], separator = ";"): string {
  return cells.map((value) => csvCell(value, separator)).join(separator) + "\r\n";
}

/** Cents as "1234567,89" (no thousands separator, so spreadsheets read it back as a number). */
export function csvMoney(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  return `${negative ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}
