/**
 * Reads a pack's flat file back and checks it against its documented structure: the header is the
 * field list, every line has as many fields, and each value has its field's format. Used by the
 * structure tests (vitest and e2e), so the files are checked against the same typed field lists
 * the README documents.
 */
import { isValidCig, isValidCup } from "../core/pnrr-codes";
import { REGIS_SEPARATOR, type FieldFormat, type RegisStructure } from "./structures";

/** Splits one line on the separator, honouring the CSV writer's double-quoted cells. */
export function splitRegisLine(line: string, separator = REGIS_SEPARATOR): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

const FORMATS: Record<FieldFormat, (value: string) => boolean> = {
  text: (v) => !/[\r\n]/.test(v),
  code: (v) => /^[A-Za-z0-9._-]+$/.test(v),
  date: (v) => /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/(19|20|21)\d{2}$/.test(v),
  amount: (v) => /^\d+,\d{2}$/.test(v),
  decimal: (v) => /^-?\d+,\d{2}$/.test(v),
  integer: (v) => /^\d+$/.test(v),
  cup: (v) => isValidCup(v) && v === v.toUpperCase(),
  cig: (v) => isValidCig(v),
  taxCode: (v) => /^(\d{11}|[A-Z0-9]{16})$/.test(v),
  flag: (v) => v === "S" || v === "N",
  sha256: (v) => /^[0-9a-f]{64}$/.test(v),
};

export interface RegisFileProblem {
  line: number;
  field: string | null;
  problem: string;
}

/** Problems of one file (empty when it matches its structure). Lines are counted from 1 (the header). */
export function checkRegisFile(structure: RegisStructure, text: string): RegisFileProblem[] {
  const problems: RegisFileProblem[] = [];
  if (text.startsWith("\uFEFF")) problems.push({ line: 1, field: null, problem: "byte-order mark" });
  if (!text.endsWith("\r\n")) problems.push({ line: 0, field: null, problem: "last line not ended by CRLF" });
  const lines = text.replace(/\r\n$/, "").split("\r\n");
  if (lines.some((l) => l.includes("\n"))) problems.push({ line: 0, field: null, problem: "bare LF inside the file" });
  const header = splitRegisLine(lines[0]);
  const names = structure.fields.map((f) => f.name);
  if (header.join("|") !== names.join("|")) problems.push({ line: 1, field: null, problem: `header ${header.join("|")} is not ${names.join("|")}` });
  lines.slice(1).forEach((line, index) => {
    const cells = splitRegisLine(line);
    const lineNo = index + 2;
    if (cells.length !== names.length) {
      problems.push({ line: lineNo, field: null, problem: `${cells.length} fields instead of ${names.length}` });
      return;
    }
    structure.fields.forEach((field, i) => {
      const value = cells[i];
      if (value === "") {
        if (field.required) problems.push({ line: lineNo, field: field.name, problem: "empty" });
        return;
      }
      if (!FORMATS[field.format](value)) problems.push({ line: lineNo, field: field.name, problem: `"${value}" is not a ${field.format}` });
    });
  });
  return problems;
}

/** The data lines of a file, as records keyed by field name. */
export function readRegisRecords(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n$/, "").split("\r\n");
  const header = splitRegisLine(lines[0]);
  return lines.slice(1).map((line) => Object.fromEntries(splitRegisLine(line).map((v, i) => [header[i], v])));
}
