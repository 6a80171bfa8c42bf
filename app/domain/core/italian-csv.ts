import { parse } from "csv-parse/sync";
export * from "./italian-format";

/**
 * The one reader for the CSV files users import (finance ledger, training completions, the Italia
 * Domani catalogue and payments): what Italian accounting systems, the Region's offices and the
 * open-data portal produce. UTF-8 with or without BOM, ';' separators (',' when the header says so),
 * quoted fields that hold separators and line breaks, header names with stray spaces, blank lines.
 * The Italian value formats (amounts, dates, N/A) are in italian-format.ts.
 */
export interface CsvRow {
  /**
   * The SPREADSHEET row of the record, not the file line: header = 1, a cell holding line breaks is
   * still one row, and blank lines count as rows. That is the number an office user sees in Excel
   * (or LibreOffice) when an error says "riga 7", and every import reports the same number for the
   * same file.
   */
  line: number;
  /** Cell values in header order; line breaks inside a cell are "\n" whatever the file used. */
  values: string[];
}

export interface CsvTable {
  /** Header names, normalised (see normaliseHeader). */
  header: string[];
  /** Data records; blank and separator-only rows are dropped (but still counted in `line`). */
  rows: CsvRow[];
  delimiter: string;
}

export class CsvFormatError extends Error {
  /**
   * @param line spreadsheet row of the record that cannot be read, or null when the file holds no
   *   header at all (an empty file).
   */
  constructor(public line: number | null, public reason: string) {
    super(`CSV format error${line ? ` at row ${line}` : ""}: ${reason}`);
  }
}

/** Collapses inner whitespace and trims, so "Valore-obiettivo  Target " matches its name. */
export function normaliseHeader(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** ';' unless the header line holds more commas than semicolons. */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0] ?? "";
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(",") > count(";") ? "," : ";";
}

/**
 * Parses a whole CSV text (or its UTF-8 bytes). The first non-blank row is the header. Throws
 * CsvFormatError naming the spreadsheet row of a record that cannot be read (e.g. an unclosed quote),
 * and for a file with no header at all unless `allowEmpty` (then the header is [], like a file
 * without the columns a caller requires).
 */
export function readCsv(input: string | Buffer, options: { delimiter?: string; allowEmpty?: boolean } = {}): CsvTable {
  const text = typeof input === "string" ? input : input.toString("utf8");
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(source);
  let records: string[][];
  try {
    // Blank lines are kept as records (one empty field each), so a record's index is its row.
    records = parse(source, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as string[][];
  } catch (error) {
    // csv-parse counts the records read before the broken one; its own "line" is a file line.
    const read = (error as { records?: number }).records;
    const reason = (error as Error).message.replace(/\s*at line \d+/, "");
    throw new CsvFormatError(typeof read === "number" ? read + 1 : 1, reason);
  }
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    if (record.every((value) => value.trim() === "")) continue;
    if (!header) header = record.map(normaliseHeader);
    else rows.push({ line: index + 1, values: record.map((value) => (value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value)) });
  }
  if (!header) {
    if (options.allowEmpty) return { header: [], rows, delimiter };
    throw new CsvFormatError(null, "empty file");
  }
  return { header, rows, delimiter };
}

/** Which of `required` columns the header lacks (compared normalised and case-insensitively). */
export function missingHeaders(header: readonly string[], required: readonly string[]): string[] {
  const present = new Set(header.map((name) => normaliseHeader(name).toLowerCase()));
  return required.filter((name) => !present.has(normaliseHeader(name).toLowerCase()));
}

/**
 * A reader of cells by column name (normalised, case-insensitive; the first column of that name
 * wins): `cell(row, "Codice edizione")`, "" when the column or the cell is missing.
 */
export function cellReader(header: readonly string[]): (row: CsvRow, column: string) => string {
  const indexes = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name).toLowerCase();
    if (!indexes.has(key)) indexes.set(key, index);
  });
  return (row, column) => {
    const index = indexes.get(normaliseHeader(column).toLowerCase());
    return index === undefined ? "" : (row.values[index] ?? "");
  };
}
