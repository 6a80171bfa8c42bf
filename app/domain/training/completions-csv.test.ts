import { describe, expect, it } from "vitest";
import { completionRowKey, parseCompletionRows } from "./completions-csv";

const BOM = "\ufeff";

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
  it("names spreadsheet rows: a multi-line note is one row, blank lines count", () => {
    const csv = 'Codice edizione;Data;Formati;Note\r\nA;01/02/2025;3;"aula\r\nmagna"\r\n\r\nB;02/02/2025;x;\r\n;;;\r\nC;03/02/2025;;\r\n';
    const { rows, issues } = parseCompletionRows(csv, today);
    expect(rows).toEqual([{ line: 2, waveCode: "A", date: "2025-02-01", count: 3, note: "aula\nmagna" }]);
    expect(issues).toEqual([
      { line: 4, column: "Formati", reason: "integer", params: { value: "x" } },
      { line: 6, column: "Formati", reason: "required" },
    ]);
  });
  it("treats an empty file as one without the required columns", () => {
    expect(parseCompletionRows(`${BOM}\r\n`, today).issues.map((i) => i.reason)).toEqual(["missingColumn", "missingColumn", "missingColumn"]);
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
