import fs from "node:fs";
import { parse } from "csv-parse";
import { CsvFormatError, normaliseHeader } from "~/domain/core/italian-csv";

/**
 * The ledger file, read as a stream: one record at a time, so a 100,000-row file never sits in
 * memory as a table. Same rules as the shared reader (readCsv): UTF-8 with or without BOM, ';' (or
 * ',' when the header says so), quoted cells with separators and line breaks, blank lines skipped
 * but counted, `line` = the spreadsheet row.
 */
export interface StreamedRow {
  line: number;
  values: string[];
}

function detectDelimiter(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const firstLine = buffer.subarray(0, read).toString("utf8").replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0] ?? "";
    const count = (char: string) => firstLine.split(char).length - 1;
    return count(",") > count(";") ? "," : ";";
  } finally {
    fs.closeSync(fd);
  }
}

/** Yields the header first (line of the header), then every data row. */
export async function* streamCsv(file: string): AsyncGenerator<{ header: string[] } | StreamedRow> {
  const parser = fs.createReadStream(file).pipe(
    parse({ delimiter: detectDelimiter(file), bom: true, relax_column_count: true, skip_empty_lines: false, record_delimiter: ["\r\n", "\n", "\r"] }),
  );
  let index = 0;
  let header = false;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      index++;
      if (record.every((value) => value.trim() === "")) continue;
      if (!header) {
        header = true;
        yield { header: record.map(normaliseHeader) };
      } else yield { line: index, values: record.map((value) => (value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value)) };
    }
  } catch (error) {
    if (error instanceof CsvFormatError) throw error;
    const reason = (error as Error).message.replace(/\s*at line \d+/, "");
    throw new CsvFormatError(index + 1, reason);
  }
  if (!header) throw new CsvFormatError(null, "empty file");
}
