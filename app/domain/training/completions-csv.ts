/**
 * The training completions file each health authority sends: its columns, the shape checks of each
 * row, and what identifies a row across files. Reading the CSV itself (BOM, ';', quoted multi-line
 * cells, spreadsheet row numbers) and the Italian values are italian-csv.ts / italian-format.ts.
 */
import type { IsoDate } from "~/domain/core/dates";
import { isCountInBounds } from "~/domain/core/bounds";
import { cellReader, CsvFormatError, missingHeaders, parseItalianDateField, parseItalianInteger, readCsv, type CsvTable } from "~/domain/core/italian-csv";

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
    // An empty file has no header: it is reported by the columns it lacks, like any wrong header.
    table = readCsv(text, { allowEmpty: true });
  } catch (error) {
    if (error instanceof CsvFormatError) return { rows: [], issues: [{ line: error.line ?? 1, column: "", reason: "syntax" }] };
    throw error;
  }
  const required = [COMPLETION_COLUMNS.wave, COMPLETION_COLUMNS.date, COMPLETION_COLUMNS.count];
  const missing = missingHeaders(table.header, required);
  if (missing.length) return { rows: [], issues: missing.map((column) => ({ line: 1, column, reason: "missingColumn" as const })) };
  if (table.rows.length === 0) return { rows: [], issues: [{ line: 2, column: "", reason: "empty" }] };
  const cell = cellReader(table.header);
  const rows: CompletionRow[] = [];
  const issues: CsvRowIssue[] = [];
  for (const record of table.rows) {
    const waveCode = cell(record, COMPLETION_COLUMNS.wave).trim().toUpperCase();
    const rawDate = cell(record, COMPLETION_COLUMNS.date).trim();
    const rawCount = cell(record, COMPLETION_COLUMNS.count).trim();
    const note = cell(record, COMPLETION_COLUMNS.note).trim();
    const before = issues.length;
    if (!waveCode) issues.push({ line: record.line, column: COMPLETION_COLUMNS.wave, reason: "required" });
    const parsedDate = parseItalianDateField(rawDate);
    const date = parsedDate.ok ? parsedDate.value : null;
    if (!rawDate) issues.push({ line: record.line, column: COMPLETION_COLUMNS.date, reason: "required" });
    else if (!date) issues.push({ line: record.line, column: COMPLETION_COLUMNS.date, reason: "date", params: { value: rawDate } });
    else if (date > today) issues.push({ line: record.line, column: COMPLETION_COLUMNS.date, reason: "future", params: { value: rawDate } });
    const count = parseItalianInteger(rawCount);
    if (!rawCount) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "required" });
    else if (count === null) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "integer", params: { value: rawCount } });
    else if (count === 0) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "zero" });
    else if (!isCountInBounds(count)) issues.push({ line: record.line, column: COMPLETION_COLUMNS.count, reason: "integer", params: { value: rawCount } });
    if (issues.length === before) rows.push({ line: record.line, waveCode, date: date!, count: count!, note });
  }
  return { rows, issues };
}

/** What identifies a completions row across files: the same wave, day, count and note. */
export function completionRowKey(authorityCode: string, row: Pick<CompletionRow, "waveCode" | "date" | "count" | "note">): string {
  return [authorityCode, row.waveCode, row.date, row.count, row.note.replace(/\s+/g, " ").toLowerCase()].join("|");
}
