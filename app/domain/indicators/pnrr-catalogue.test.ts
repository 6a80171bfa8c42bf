import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogueDueDate, catalogueQuarter, CatalogueFormatError, FSE_MEASURE_CODE, readCatalogue } from "./pnrr-catalogue";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");
const fixture = path.join(here, "__fixtures__", "pnrr-catalogue-sample.csv");
/** The real Italia Domani file, shared next to the repository (never copied into it). */
const realFile = path.resolve(repoRoot, "../shared/data/italia-domani/PNRR_MeT_OA_programmazione_v03.csv");

describe("readCatalogue on our own fixture (BOM, ;, CRLF, multi-line quoted fields, N/A, header spaces)", () => {
  const text = fs.readFileSync(fixture, "utf8");
  const { items, problems, totalRows } = readCatalogue(text, "M6C2I1.03.01");

  it("keeps only the wanted measure's rows, in file order", () => {
    expect(totalRows).toBe(4);
    expect(problems).toEqual([]);
    expect(items.map((i) => i.code)).toEqual(["M6C2-90", "M6C2-91", "M6C2-00-ITA-92"]);
  });
  it("reads multi-line and quoted fields whole, numbering records as spreadsheet rows", () => {
    const [target, milestone, national] = items;
    expect(target.description).toBe('Prima riga\ndella descrizione; con "virgolette" e punto e virgola');
    expect(target.verificationMechanism).toBe("Report biennale;\nelenco dei medici formati per Regione");
    expect(milestone.furtherInfo).toBe("Nota\nsu due righe");
    expect([target.line, milestone.line, national.line]).toEqual([2, 3, 5]);
  });
  it("maps kinds, scopes, quarters, values, and N/A to null", () => {
    expect(items[0]).toMatchObject({ kind: "target", scope: "UE", unit: "Percentuale", baseline: "0", targetValue: "75", quarter: 3, year: 2025, furtherInfo: null });
    expect(items[1]).toMatchObject({ kind: "milestone", scope: "UE", unit: null, targetValue: null, quarter: 1, year: 2026 });
    expect(items[2]).toMatchObject({ kind: "milestone", scope: "ITA", verificationMechanism: null, measureCode: "M6C2I1.03.01" });
  });
  it("rejects a file without the catalogue's columns", () => {
    expect(() => readCatalogue("\ufeffa;b\n1;2\n")).toThrow(CatalogueFormatError);
    expect(() => readCatalogue("\ufeff\r\n")).toThrow(CatalogueFormatError);
  });
  it("reports a malformed row of the wanted measure instead of dropping it", () => {
    const broken = text.replace(";Q1;2026;", ";Q5;2026;");
    const result = readCatalogue(broken, "M6C2I1.03.01");
    expect(result.items.map((i) => i.code)).not.toContain("M6C2-91");
    expect(result.problems).toEqual([{ line: 3, column: "Trimestre di conseguimento", value: "Q5" }]);
  });
  it("formats quarters and due dates", () => {
    expect(catalogueQuarter({ quarter: 4, year: 2025 })).toBe("T4 2025");
    expect(catalogueQuarter({ quarter: 2, year: 2026 }, "en")).toBe("Q2 2026");
    expect(catalogueDueDate({ quarter: 2, year: 2026 })).toBe("2026-06-30");
    expect(catalogueDueDate({ quarter: 4, year: 2025 })).toBe("2025-12-31");
  });
});

describe.skipIf(!fs.existsSync(realFile))("readCatalogue on the real Italia Domani file", () => {
  // Read in beforeAll: a skipped describe still runs its body while collecting tests.
  let items: ReturnType<typeof readCatalogue>["items"] = [];
  let problems: ReturnType<typeof readCatalogue>["problems"] = [];
  let totalRows = 0;
  const byCode = new Map<string, (typeof items)[number]>();
  beforeAll(() => {
    ({ items, problems, totalRows } = readCatalogue(fs.readFileSync(realFile, "utf8"), FSE_MEASURE_CODE));
    for (const item of items) byCode.set(item.code, item);
  });

  it("reads every row of the national catalogue and finds the FSE measure's items", () => {
    expect(totalRows).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
    expect(items.every((i) => i.measureCode === FSE_MEASURE_CODE)).toBe(true);
    expect(items.filter((i) => i.scope === "UE").map((i) => i.code).sort()).toEqual(["M6C2-11", "M6C2-12", "M6C2-13"]);
  });
  it("M6C2-11: EU target, GPs feeding the FSE, 85% by T4 2025", () => {
    expect(byCode.get("M6C2-11")).toMatchObject({ line: 1290, kind: "target", scope: "UE", unit: "Percentuale", baseline: "0", targetValue: "85", quarter: 4, year: 2025 });
    expect(byCode.get("M6C2-11")!.name).toMatch(/medici di base alimentano il Fascicolo/);
    expect(byCode.get("M6C2-11")!.verificationMechanism).toMatch(/number of GPs trained/);
  });
  it("M6C2-12: EU milestone, interoperability infrastructure operational by T2 2026", () => {
    expect(byCode.get("M6C2-12")).toMatchObject({ kind: "milestone", scope: "UE", targetValue: null, quarter: 2, year: 2026 });
    expect(byCode.get("M6C2-12")!.description).toContain("\n");
  });
  it("M6C2-13: EU target, all 21 regions adopt the FSE by T2 2026", () => {
    expect(byCode.get("M6C2-13")).toMatchObject({ kind: "target", scope: "UE", unit: "Numero", targetValue: "21", quarter: 2, year: 2026 });
    expect(byCode.get("M6C2-13")!.furtherInfo).toMatch(/^EHR is expected/);
  });
  it("M6C2-00-ITA-14: national milestone, natively digital documents by T4 2024", () => {
    expect(byCode.get("M6C2-00-ITA-14")).toMatchObject({ kind: "milestone", scope: "ITA", quarter: 4, year: 2024 });
  });
});

if (!fs.existsSync(realFile)) {
  // Visible in the run log, so a skipped real-file check is never mistaken for a pass.
  console.warn(`[pnrr-catalogue.test] Real catalogue not found at ${realFile}: its tests are skipped.`);
}
