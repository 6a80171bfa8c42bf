/**
 * CSV cells for the finance exports, formula-safe: a text cell that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab/CR) gets a leading apostrophe. Same contract as the
 * shared writer issue 9 asks for (`app/domain/core/csv.ts`), which did not exist on main yet; once
 * it does, this file can become a re-export of it.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Cents as "1234567,89" (no thousands separator, so spreadsheets read it back as a number). */
export function csvMoney(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  return `${negative ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

export const CSV_BOM = "\uFEFF";
export const csvLine = (cells: readonly string[]) => cells.join(";") + "\r\n";
