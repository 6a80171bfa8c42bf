import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  blankToNull,
  cellReader,
  CsvFormatError,
  detectDelimiter,
  missingHeaders,
  parseDecimalAmount,
  parseItalianAmount,
  parseItalianDateField,
  parseItalianDecimal,
  parseItalianInteger,
  readCsv,
} from "./italian-csv";

const here = path.dirname(fileURLToPath(import.meta.url));
const ok = <T,>(value: T) => ({ ok: true, value });
const bad = (problem: string) => ({ ok: false, problem });

describe("parseItalianAmount", () => {
  it("reads Italian amounts to exact cents", () => {
    expect(parseItalianAmount("1.234.567,89")).toEqual(ok(123_456_789));
    expect(parseItalianAmount("-1.234,56")).toEqual(ok(-123_456));
    expect(parseItalianAmount("1234,5")).toEqual(ok(123_450));
    expect(parseItalianAmount("0,01")).toEqual(ok(1));
    expect(parseItalianAmount("1.000")).toEqual(ok(100_000));
    expect(parseItalianAmount("€ 39.000.000,00")).toEqual(ok(3_900_000_000));
    expect(parseItalianAmount(" 12 ")).toEqual(ok(1_200));
    expect(parseItalianAmount("(1.234,56)")).toEqual(ok(-123_456));
    expect(parseItalianAmount("+7,10")).toEqual(ok(710));
    expect(parseItalianAmount("−5,00")).toEqual(ok(-500));
    expect(parseItalianAmount("1,230")).toEqual(ok(123)); // trailing zeros beyond cents are harmless
  });
  it("never goes through floats", () => {
    // 0,29 × 100 is 28.999999999999996 in floating point.
    expect(parseItalianAmount("0,29")).toEqual(ok(29));
    expect(parseItalianAmount("90.071.992.547.409,91")).toEqual(ok(9_007_199_254_740_991));
  });
  it("names what is wrong", () => {
    expect(parseItalianAmount("")).toEqual(bad("empty"));
    expect(parseItalianAmount("   ")).toEqual(bad("empty"));
    expect(parseItalianAmount("12.34")).toEqual(bad("format"));
    expect(parseItalianAmount("1.23.456,00")).toEqual(bad("format"));
    expect(parseItalianAmount("1,234,56")).toEqual(bad("format"));
    expect(parseItalianAmount("abc")).toEqual(bad("format"));
    expect(parseItalianAmount("--5")).toEqual(bad("format"));
    expect(parseItalianAmount("1,234")).toEqual(bad("decimals"));
    expect(parseItalianAmount("90.071.992.547.409,92")).toEqual(bad("range"));
  });
  it("keeps zero unsigned", () => {
    expect(parseItalianAmount("-0,00")).toEqual(ok(0));
  });
});

describe("parseDecimalAmount", () => {
  it("reads open-data decimals exactly", () => {
    expect(parseDecimalAmount("192570000.0")).toEqual(ok(19_257_000_000));
    expect(parseDecimalAmount("102630227.04")).toEqual(ok(10_263_022_704));
    expect(parseDecimalAmount("-12.5")).toEqual(ok(-1_250));
    expect(parseDecimalAmount("1,5")).toEqual(bad("format"));
    expect(parseDecimalAmount("0.001")).toEqual(bad("decimals"));
  });
});

describe("parseItalianDateField", () => {
  it("reads dd/mm/yyyy", () => {
    expect(parseItalianDateField("31/12/2025")).toEqual(ok("2025-12-31"));
    expect(parseItalianDateField("1/2/2024")).toEqual(ok("2024-02-01"));
    expect(parseItalianDateField("29/02/2024")).toEqual(ok("2024-02-29"));
  });
  it("tells a bad shape from a day that does not exist", () => {
    expect(parseItalianDateField("")).toEqual(bad("empty"));
    expect(parseItalianDateField("2025-12-31")).toEqual(bad("format"));
    expect(parseItalianDateField("31/12/25")).toEqual(bad("format"));
    expect(parseItalianDateField("29/02/2025")).toEqual(bad("invalid"));
    expect(parseItalianDateField("31/04/2025")).toEqual(bad("invalid"));
    expect(parseItalianDateField("12/13/2025")).toEqual(bad("invalid"));
  });
});

describe("Italian values", () => {
  it("parses integers with thousands dots, refuses decimals and text", () => {
    expect(parseItalianInteger("1.234")).toBe(1234);
    expect(parseItalianInteger(" 42 ")).toBe(42);
    expect(parseItalianInteger("-3")).toBe(-3);
    expect(parseItalianInteger("12,5")).toBeNull();
    expect(parseItalianInteger("1.23")).toBeNull();
    expect(parseItalianInteger("dieci")).toBeNull();
  });
  it("parses decimals with a comma", () => {
    expect(parseItalianDecimal("1.234,5")).toBe(1234.5);
    expect(parseItalianDecimal("85%")).toBe(85);
    expect(parseItalianDecimal("0.5")).toBe(0.5);
    expect(parseItalianDecimal("x")).toBeNull();
  });
  it("treats N/A and dashes as blanks", () => {
    expect(blankToNull("N/A")).toBeNull();
    expect(blankToNull(" n.d. ")).toBeNull();
    expect(blankToNull("-")).toBeNull();
    expect(blankToNull("0")).toBe("0");
  });
});

describe("readCsv", () => {
  // Rows are numbered as a spreadsheet shows them (a multi-line cell is one row, blank lines count),
  // so the ";;" row is row 5 and the last one row 6 although they start on file lines 6 and 7.
  it("handles a BOM, ';', quoted ';' and line breaks, blank lines, and numbers spreadsheet rows", () => {
    const text =
      "\uFEFFData;Importo ;Descrizione\r\n" +
      '01/02/2025;1.234,56;"Canone; primo trimestre"\r\n' +
      "\r\n" +
      '02/02/2025;-10,00;"Storno\r\nsu due righe"\r\n' +
      ";;\r\n" +
      "03/02/2025;5;semplice\r\n";
    const table = readCsv(text);
    expect(table.delimiter).toBe(";");
    expect(table.header).toEqual(["Data", "Importo", "Descrizione"]);
    expect(table.rows).toEqual([
      { line: 2, values: ["01/02/2025", "1.234,56", "Canone; primo trimestre"] },
      { line: 4, values: ["02/02/2025", "-10,00", "Storno\nsu due righe"] },
      { line: 6, values: ["03/02/2025", "5", "semplice"] },
    ]);
  });
  it("normalises header spaces, keeps short rows, and reads cells by column name", () => {
    const table = readCsv(`\uFEFFCodice edizione ; Data;"Note\n lunghe"\r\nA;01/02/2025;"riga\r\ndoppia"\r\n\r\nB;02/02/2025\r\n`);
    expect(table.header).toEqual(["Codice edizione", "Data", "Note lunghe"]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
    const cell = cellReader(table.header);
    expect(cell(table.rows[0], "note  LUNGHE")).toBe("riga\ndoppia");
    expect(cell(table.rows[1], "Note lunghe")).toBe("");
    expect(cell(table.rows[1], "Assente")).toBe("");
    expect(missingHeaders(table.header, ["codice edizione", "Formati"])).toEqual(["Formati"]);
  });
  it("reads a comma-separated file when the header says so", () => {
    const table = readCsv('data,importo\n01/02/2025,"1.234,56"\n');
    expect(table.delimiter).toBe(",");
    expect(table.rows).toEqual([{ line: 2, values: ["01/02/2025", "1.234,56"] }]);
  });
  it("reads from a Buffer with a BOM and LF endings", () => {
    const buffer = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a;b\n1;2\n\n\n3;4", "utf8")]);
    const table = readCsv(buffer);
    expect(table.header).toEqual(["a", "b"]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
  });
  it("detects comma-separated files", () => {
    expect(detectDelimiter("a,b,c\n1;2,3")).toBe(",");
    expect(detectDelimiter("\uFEFFa;b;c")).toBe(";");
  });
  it("reports an unclosed quote and an empty file", () => {
    expect(() => readCsv('a;b\n1;"non chiuso\n')).toThrow(CsvFormatError);
    expect(() => readCsv("\uFEFF\n\n")).toThrow(CsvFormatError);
  });
  it("names the spreadsheet row of a broken record, counting multi-line cells and blank lines as rows", () => {
    const broken = (text: string) => {
      try {
        readCsv(text);
      } catch (error) {
        return error as CsvFormatError;
      }
      throw new Error("no error");
    };
    const error = broken('a;b\r\n1;"due\r\nrighe"\r\n\r\n3;x"y"z\r\n');
    expect(error.line).toBe(4);
    expect(error.reason).not.toMatch(/line/);
    expect(broken("\uFEFF\r\n").line).toBeNull();
    expect(readCsv("\uFEFF\r\n", { allowEmpty: true })).toEqual({ header: [], rows: [], delimiter: ";" });
  });
});

/** Sums a column of open-data decimals exactly, in cents. */
function sumColumn(file: string, column: string) {
  const table = readCsv(fs.readFileSync(file));
  const index = table.header.indexOf(column);
  expect(index).toBeGreaterThanOrEqual(0);
  let total = 0n;
  for (const row of table.rows) {
    const parsed = parseDecimalAmount(row.values[index]);
    if (!parsed.ok) throw new Error(`line ${row.line}: ${parsed.problem}`);
    total += BigInt(parsed.value);
  }
  return { rows: table.rows.length, total };
}

describe("Italia Domani payments file format", () => {
  it("reads our fixture in the portal's format and sums to the cent", () => {
    const { rows, total } = sumColumn(path.join(here, "fixtures/pagamenti-sample.csv"), "finanziamento_totale");
    expect(rows).toBe(3);
    expect(total).toBe(3_900_000_000n + 123_456_789n + 10n);
    expect(sumColumn(path.join(here, "fixtures/pagamenti-sample.csv"), "pagamenti_totali").total).toBe(1_234_567_890n + 1n);
  });

  // The shared folder sits beside the repository; it is never copied into it.
  const shared = path.resolve(here, "../../../../shared/data/italia-domani/fse_M6C2I1.03.01_pagamenti_2025-03-31.csv");
  const present = fs.existsSync(shared);
  if (!present) console.warn(`Skipping the real Italia Domani file: ${shared} is not on this machine.`);
  it.skipIf(!present)("reads the real FSE payments file (93 CUPs) and sums finanziamento_totale exactly", () => {
    const { rows, total } = sumColumn(shared, "finanziamento_totale");
    expect(rows).toBe(93);
    // € 794.060.453,64, summed independently with Python's Decimal.
    expect(total).toBe(79_406_045_364n);
    expect(sumColumn(shared, "pagamenti_totali").total).toBe(27_127_872_459n);
  });
});
