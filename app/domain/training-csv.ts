/**
 * Italian-style CSV as the Region's offices and the Italia Domani portal produce it: UTF-8 with
 * or without BOM, ";" separators, quoted fields that may span lines, header names with stray
 * spaces, "N/A" for missing values, numbers as 1.234,5 and dates as 31/12/2025.
 * Pure: takes text, returns records with their spreadsheet row number, so errors can name it.
 */
import { parse } from "csv-parse/sync";
import { parseItalianDate, type IsoDate } from "./dates";

export interface CsvRecord {
  /**
   * The row number a spreadsheet shows for the record (header = 1; a cell with line breaks is
   * still one row; blank lines count), which is what an office user looks up when told "riga 7".
   */
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  headers: string[];
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(public line: number, public reason: string) {
    super(`CSV syntax error at line ${line}: ${reason}`);
  }
}

/** Collapses inner whitespace and trims, so "Valore-obiettivo Target " matches its name. */
export function normaliseHeader(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

export function readItalianCsv(text: string, delimiter = ";"): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Parsed from bytes so each record's end offset (info.bytes) tells whether blank lines were
  // skipped before the next one: a spreadsheet still shows those as rows.
  const bytes = Buffer.from(source, "utf8");
  let rows: { record: string[]; info: { bytes: number; lines: number } }[];
  try {
    rows = parse(bytes, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new CsvSyntaxError(line, (error as Error).message);
  }
  if (rows.length === 0) return { headers: [], records: [] };
  const headers = rows[0].record.map(normaliseHeader);
  let offset = rows[0].info.bytes;
  let row = 1;
  const records: CsvRecord[] = [];
  for (const { record, info } of rows.slice(1)) {
    row++;
    while (offset < info.bytes && (bytes[offset] === 0x0a || bytes[offset] === 0x0d)) {
      if (!(bytes[offset] === 0x0d && bytes[offset + 1] === 0x0a)) row++;
      offset++;
    }
    const values: Record<string, string> = {};
    headers.forEach((header, index) => {
      values[header] = (record[index] ?? "").replace(/\r\n?/g, "\n");
    });
    records.push({ line: row, values });
    offset = info.bytes;
  }
  return { headers, records };
}

/** "N/A", "n.d.", "-" and blanks mean "no value". */
export function blankToNull(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  if (trimmed === "" || /^(n\/?a|n\.?d\.?|-|—)$/i.test(trimmed)) return null;
  return trimmed;
}

/** "1.234" or "1234" → 1234; "-5" → -5; anything else (decimals, text) → null. */
export function parseItalianInteger(value: string): number | null {
  const trimmed = value.trim().replace(/\s/g, "");
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)$/.test(trimmed)) return null;
  const parsed = Number(trimmed.replace(/\./g, ""));
  return Number.isSafeInteger(parsed) ? parsed : null;
}

/** "1.234,5", "85", "85,0", "0.5" (a single dot followed by 1–2 digits reads as decimal) → number. */
export function parseItalianDecimal(value: string): number | null {
  const trimmed = value.trim().replace(/\s|%/g, "");
  if (/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+\.\d{1,2}$/.test(trimmed)) return Number(trimmed);
  return null;
}

export { parseItalianDate };

/** Which of `required` headers are missing (compared after normalising). */
export function missingHeaders(headers: string[], required: readonly string[]): string[] {
  const present = new Set(headers.map((h) => normaliseHeader(h).toLowerCase()));
  return required.filter((name) => !present.has(normaliseHeader(name).toLowerCase()));
}

/** A record's value by header name, case-insensitively. */
export function valueOf(record: CsvRecord, header: string): string {
  const wanted = normaliseHeader(header).toLowerCase();
  for (const [name, value] of Object.entries(record.values)) if (name.toLowerCase() === wanted) return value;
  return "";
}

// ---------------------------------------------------------------- completions file

/** Columns of the completions file each health authority sends. */
export const COMPLETION_COLUMNS = { wave: "Codice edizione", date: "Data", count: "Formati", note: "Note" } as const;

export interface CompletionRow {
  line: number;
  waveCode: string;
  date: IsoDate;
  count: number;
  note: string;
}

export interface CsvRowIssue {
  line: number;
  column: string;
  reason: "required" | "date" | "integer" | "zero" | "unknownWave" | "otherAuthority" | "future" | "beforeWave" | "negativeTotal" | "duplicateInFile" | "alreadyImported" | "missingColumn" | "syntax" | "empty" | "catalogueValue";
  params?: Record<string, string | number>;
}

/**
 * Reads the completions file's rows, checking each cell's shape. Checks that need the database
 * (wave exists, belongs to the authority, already imported) are the model's.
 */
export function parseCompletionRows(text: string, today: IsoDate): { rows: CompletionRow[]; issues: CsvRowIssue[] } {
  let table: CsvTable;
  try {
    table = readItalianCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], issues: [{ line: error.line, column: "", reason: "syntax" }] };
    throw error;
  }
  const required = [COMPLETION_COLUMNS.wave, COMPLETION_COLUMNS.date, COMPLETION_COLUMNS.count];
  const missing = missingHeaders(table.headers, required);
  if (missing.length) return { rows: [], issues: missing.map((column) => ({ line: 1, column, reason: "missingColumn" as const })) };
  if (table.records.length === 0) return { rows: [], issues: [{ line: 2, column: "", reason: "empty" }] };
  const rows: CompletionRow[] = [];
  const issues: CsvRowIssue[] = [];
  for (const record of table.records) {
    const waveCode = valueOf(record, COMPLETION_COLUMNS.wave).trim().toUpperCase();
    const rawDate = valueOf(record, COMPLETION_COLUMNS.date).trim();
    const rawCount = valueOf(record, COMPLETION_COLUMNS.count).trim();
    const note = valueOf(record, COMPLETION_COLUMNS.note).trim();
    const before = issues.length;
    if (!waveCode) issues.push({ line: record.line, column: COMPLETION_COLUMNS.wave, reason: "required" });
    const date = parseItalianDate(rawDate);
    if (!rawDate) issues.push({ line: record.line, column: COMPLETION_COLUMNS.date, reason: "required" });
    else if (!date) issues.push({ line: record.line, column: COMPLETION_COLUMNS.date, reason: "date", params: { value: rawDate } });
    else if (date > today) issues.push({ line: record.line, column: COMPLETION_COLUMNS.date, reason: "future", params: { value: rawDate } });
    const count = parseItalianInteger(rawCount);
    if (!rawCount) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "required" });
    else if (count === null) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "integer", params: { value: rawCount } });
    else if (count === 0) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "zero" });
    if (issues.length === before) rows.push({ line: record.line, waveCode, date: date!, count: count!, note });
  }
  return { rows, issues };
}

/** What identifies a completions row across files: the same wave, day, count and note. */
export function completionRowKey(authorityCode: string, row: Pick<CompletionRow, "waveCode" | "date" | "count" | "note">): string {
  return [authorityCode, row.waveCode, row.date, row.count, row.note.replace(/\s+/g, " ").toLowerCase()].join("|");
}
