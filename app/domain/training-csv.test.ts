import { describe, expect, it } from "vitest";
import { blankToNull, completionRowKey, parseCompletionRows, parseItalianDecimal, parseItalianInteger, readItalianCsv } from "./training-csv";

const BOM = "\ufeff";

describe("readItalianCsv", () => {
  it("strips the BOM, normalises header spaces and numbers rows like a spreadsheet", () => {
    const table = readItalianCsv(`${BOM}Codice edizione ; Data;"Note\n lunghe"\r\nA;01/02/2025;"riga\r\ndoppia"\r\n\r\nB;02/02/2025;x\r\n`);
    expect(table.headers).toEqual(["Codice edizione", "Data", "Note lunghe"]);
    expect(table.records).toEqual([
      { line: 2, values: { "Codice edizione": "A", Data: "01/02/2025", "Note lunghe": "riga\ndoppia" } },
      { line: 4, values: { "Codice edizione": "B", Data: "02/02/2025", "Note lunghe": "x" } },
    ]);
  });
  it("tolerates short rows and files without a trailing newline", () => {
    const table = readItalianCsv("a;b;c\n1;2");
    expect(table.records[0].values).toEqual({ a: "1", b: "2", c: "" });
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

describe("parseCompletionRows", () => {
  const today = "2025-11-14";
  it("reads good rows", () => {
    const { rows, issues } = parseCompletionRows(`${BOM}Codice edizione;Data;Formati;Note\nmmg-bo-1;03/11/2025;1.020;aula\n`, today);
    expect(issues).toEqual([]);
    expect(rows).toEqual([{ line: 2, waveCode: "MMG-BO-1", date: "2025-11-03", count: 1020, note: "aula" }]);
  });
  it("reports every bad cell with its row and column", () => {
    const csv = "Codice edizione;Data;Formati\n;31/02/2025;10\nX;01/12/2025;0\nY;01/01/2025;12,5\nZ;;\n";
    const { rows, issues } = parseCompletionRows(csv, today);
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { line: 2, column: "Codice edizione", reason: "required" },
      { line: 2, column: "Data", reason: "date", params: { value: "31/02/2025" } },
      { line: 3, column: "Data", reason: "future", params: { value: "01/12/2025" } },
      { line: 3, column: "Formati", reason: "zero" },
      { line: 4, column: "Formati", reason: "integer", params: { value: "12,5" } },
      { line: 5, column: "Data", reason: "required" },
      { line: 5, column: "Formati", reason: "required" },
    ]);
  });
  it("names missing columns and empty files", () => {
    expect(parseCompletionRows("Edizione;Data\nA;01/01/2025\n", today).issues).toEqual([
      { line: 1, column: "Codice edizione", reason: "missingColumn" },
      { line: 1, column: "Formati", reason: "missingColumn" },
    ]);
    expect(parseCompletionRows("Codice edizione;Data;Formati\n", today).issues).toEqual([{ line: 2, column: "", reason: "empty" }]);
  });
  it("reports a broken quote as a syntax issue", () => {
    const { issues } = parseCompletionRows('Codice edizione;Data;Formati\n"A;01/01/2025;3\n', today);
    expect(issues[0].reason).toBe("syntax");
  });
});

describe("completionRowKey", () => {
  it("ignores case and spacing of the note but not the values", () => {
    const base = { waveCode: "A", date: "2025-01-01", count: 3, note: "Aula  Magna" };
    expect(completionRowKey("AUSL-BO", base)).toBe(completionRowKey("AUSL-BO", { ...base, note: "aula magna" }));
    expect(completionRowKey("AUSL-BO", base)).not.toBe(completionRowKey("AUSL-BO", { ...base, count: 4 }));
    expect(completionRowKey("AUSL-BO", base)).not.toBe(completionRowKey("AUSL-PR", base));
  });
});
