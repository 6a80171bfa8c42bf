import { parse } from "csv-parse/sync";
export * from "./italian-format";

/**
 * Reading the CSV files Italian accounting systems and open-data portals produce: UTF-8 with or
 * without BOM, ';' (or ',') separators, quoted fields that hold separators and line breaks,
 * amounts like 1.234.567,89 and dates like 31/12/2025.
 */
export interface CsvRow {
  /** Line of the file where the record starts (1 = the header line). */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  delimiter: string;
}

export class CsvFormatError extends Error {
  constructor(public line: number | null, public reason: string) {
    super(`CSV format error${line ? ` at line ${line}` : ""}: ${reason}`);
  }
}

/** ';' unless the header line holds more commas than semicolons. */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(",") > count(";") ? "," : ";";
}

/** Parses a whole CSV text. Header names are trimmed; blank lines are skipped; line numbers are kept. */
export function readCsv(input: string | Buffer, options: { delimiter?: string } = {}): CsvTable {
  const text = typeof input === "string" ? input : input.toString("utf8");
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, { bom: true, delimiter, raw: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new CsvFormatError(line, (error as Error).message);
  }
  // Line numbers are counted from each record's raw text (csv-parse's own counter miscounts CRLF
  // inside quotes); blank and separator-only lines are dropped after being counted.
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let line = 1;
  for (const { record, raw } of records) {
    const start = line;
    line += 1 + (raw.replace(/[\r\n]+$/, "").match(/\r\n|\r|\n/g)?.length ?? 0);
    if (record.every((value) => value.trim() === "")) continue;
    if (!header) header = record.map((name) => name.trim());
    else rows.push({ line: start, values: record });
  }
  if (!header) throw new CsvFormatError(null, "empty file");
  return { header, rows, delimiter };
}
