import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRegisFile, readRegisRecords, splitRegisLine } from "./check";
import { buildRegisFiles, pucAmount, pucDate, regisPackFileName, type RegisPackInput } from "./pack";
import { REGIS_MANIFEST, REGIS_STRUCTURES } from "./structures";

/** A small project with every kind of record, and the awkward values real data carry. */
function fixture(overrides: Partial<RegisPackInput> = {}): RegisPackInput {
  return {
    period: "2025-09",
    status: "DEFINITIVO",
    asOf: "2025-09-30",
    project: {
      cup: "E39J22001830006",
      isProgrammeCup: true,
      title: "FSE 2.0 | Emilia-Romagna",
      summary: "Riga uno\r\nriga due",
      startDate: "2022-06-01",
      endDate: "2026-06-30",
      actualEndDate: null,
      measureCode: "M6C2I1.03.01",
      implementingBodyTaxCode: "02086690373",
      implementingBodyName: "Regione Emilia-Romagna",
    },
    costs: [
      { lineCode: "B2", title: "Formazione", fundingSource: "pnrr", amountCents: 150_000_00 },
      { lineCode: "B1", title: "Infrastruttura", fundingSource: "pnrr", amountCents: 2_500_000_00 },
      { lineCode: "B3", title: "Cofinanziamento", fundingSource: "regional", amountCents: 99_99 },
    ],
    procedures: [
      { id: 7, cig: "B1234567AF", subject: "Servizi cloud", procedureType: "open", tenderedCents: 1_000_000_00, awardedCents: 900_000_00, noticeDate: null, awardDate: "2025-03-10", contractDate: "2025-04-01" },
      // Awarded after the month's end: the pack of September does not know it yet.
      { id: 8, cig: "9876543ABC", subject: "Formazione MMG", procedureType: "direct_award", tenderedCents: 39_000_00, awardedCents: 38_000_00, noticeDate: null, awardDate: "2025-10-02", contractDate: null },
    ],
    parties: [
      { cig: "B1234567AF", taxCode: "05994810488", name: "Rossi & Figli S.r.l.", legalForm: "S.R.L.", atecoCode: "62.01", kind: "winner", role: "mandataria" },
      { cig: "B1234567AF", taxCode: "RSSMRA80A01H501U", name: "Mario Rossi", legalForm: "", atecoCode: "", kind: "subcontractor", role: "subcontractor" },
    ],
    ledger: [
      { id: 1, kind: "commitment", entryDate: "2025-04-01", amountCents: 900_000_00, supplier: "Rossi & Figli S.r.l.", supplierTaxCode: "05994810488", cig: "B1234567AF", documentNumber: "DET-12/2025", description: "Contratto", reversesEntryId: null },
      { id: 2, kind: "payment", entryDate: "2025-09-15", amountCents: 120_000_50, supplier: "=HYPERLINK(\"x\")", supplierTaxCode: null, cig: "B1234567AF", documentNumber: "FT 1|2025", description: "Acconto\nsettembre", reversesEntryId: null },
      { id: 3, kind: "payment", entryDate: "2025-09-20", amountCents: -20_000_00, supplier: "Rossi & Figli S.r.l.", supplierTaxCode: "05994810488", cig: "B1234567AF", documentNumber: "NC 1/2025", description: "Storno parziale", reversesEntryId: 2 },
      // After the month's end: not in the pack.
      { id: 4, kind: "payment", entryDate: "2025-10-01", amountCents: 5_00, supplier: "Altro", supplierTaxCode: null, cig: null, documentNumber: "X", description: "", reversesEntryId: null },
    ],
    documents: [
      { id: 11, ledgerEntryId: 2, ledgerKind: "payment", role: "invoice", name: "fattura;1.xml", kind: "fatturapa", sizeBytes: 2048, sha256: "a".repeat(64), uploadedAt: "2025-09-16T10:00:00.000Z", replacesDocumentId: null },
      { id: 12, ledgerEntryId: 4, ledgerKind: "payment", role: "invoice", name: "later.pdf", kind: "pdf", sizeBytes: 10, sha256: "b".repeat(64), uploadedAt: "2025-10-02T10:00:00.000Z", replacesDocumentId: null },
    ],
    indicators: [{ code: "IND-1", name: "MMG che alimentano il FSE", unit: "percent", targetValue: 85, euCode: "M6C2-11", latest: { date: "2025-09-30", value: 72.5 }, measurementsInPeriod: 1 }],
    milestones: [
      { code: "WP1.M1", title: "FSE operativo", dueDate: "2025-12-31", achievedDate: null, euCode: "M6C2-11", catalogue: { kind: "target", scope: "UE", name: "MMG alimentano il FSE", targetValue: "85", quarter: 4, year: 2025 }, evidence: { required: 3, uploaded: 2, verified: 1 } },
      { code: "WP0.M1", title: "Documenti nativi digitali", dueDate: "2024-12-31", achievedDate: "2024-12-20", euCode: "M6C2-00-ITA-14", catalogue: null, evidence: { required: 0, uploaded: 0, verified: 0 } },
    ],
    ...overrides,
  };
}

const fileOf = (files: ReturnType<typeof buildRegisFiles>, name: string) => files.find((f) => f.name === name)!;

describe("the ReGiS data pack's flat files", () => {
  it("writes every documented file, each matching its field list, format by format", () => {
    const files = buildRegisFiles(fixture());
    expect(files.map((f) => f.name)).toEqual([...REGIS_STRUCTURES.map((s) => s.file), REGIS_MANIFEST.file]);
    for (const structure of [...REGIS_STRUCTURES, REGIS_MANIFEST]) {
      const file = fileOf(files, structure.file);
      expect(checkRegisFile(structure, file.text), structure.file).toEqual([]);
      expect(file.text.split("\r\n")[0]).toBe(structure.fields.map((f) => f.name).join("|"));
    }
  });

  it("follows the PUC's formats: dd/mm/yyyy, decimal comma, I/D and P/R with positive amounts", () => {
    expect(pucDate("2025-09-05")).toBe("05/09/2025");
    expect(pucAmount(123456789)).toBe("1234567,89");
    const files = buildRegisFiles(fixture());
    const payments = readRegisRecords(fileOf(files, "FN06_pagamenti.txt").text);
    expect(payments.map((p) => [p.COD_PAGAMENTO, p.TIPOLOGIA_PAG, p.DATA_PAGAMENTO, p.IMPORTO_PAG, p.COD_PAGAMENTO_RETTIFICATO, p.NUMERO_GIUSTIFICATIVI])).toEqual([
      ["TG2", "P", "15/09/2025", "120000,50", "", "1"],
      ["TG3", "R", "20/09/2025", "20000,00", "TG2", "0"],
    ]);
    const commitments = readRegisRecords(fileOf(files, "FN04_impegni.txt").text);
    expect(commitments).toHaveLength(1);
    expect(commitments[0]).toMatchObject({ TIPOLOGIA_IMPEGNO: "I", IMPORTO_IMPEGNO: "900000,00", CIG: "B1234567AF", DATA_IMPEGNO: "01/04/2025" });
    const financing = readRegisRecords(fileOf(files, "FN00_finanziamento.txt").text);
    expect(financing.map((r) => [r.COD_FONDO, r.IMPORTO])).toEqual([
      ["PNRR", "2650000,00"],
      ["REGIONAL", "99,99"],
    ]);
  });

  it("speaks for the month only: later entries, awards and documents are left out", () => {
    const files = buildRegisFiles(fixture());
    const procedures = readRegisRecords(fileOf(files, "PG00_procedure_aggiudicazione.txt").text);
    expect(procedures.find((p) => p.CIG === "9876543ABC")).toMatchObject({ IMPORTO_AGGIUDICATO: "", DATA_AGGIUDICAZIONE: "" });
    expect(procedures.find((p) => p.CIG === "B1234567AF")).toMatchObject({ IMPORTO_AGGIUDICATO: "900000,00", DATA_AGGIUDICAZIONE: "10/03/2025" });
    const documents = readRegisRecords(fileOf(files, "GIUSTIFICATIVI.txt").text);
    expect(documents.map((d) => [d.COD_MOVIMENTO, d.HASH_SHA256])).toEqual([["TG2", "a".repeat(64)]]);
    const milestones = readRegisRecords(fileOf(files, "MILESTONE_TARGET.txt").text);
    expect(milestones.map((m) => [m.CODICE_UNIVOCO_MILESTONE_TARGET, m.ITA_UE, m.STATO])).toEqual([
      ["M6C2-00-ITA-14", "ITA", "CONSEGUITO"],
      ["M6C2-11", "UE", "DA_CONSEGUIRE"],
    ]);
  });

  it("keeps free text on one line and harmless: separators quoted, formulas neutralised", () => {
    const files = buildRegisFiles(fixture());
    const payment = fileOf(files, "FN06_pagamenti.txt").text.split("\r\n")[1];
    expect(splitRegisLine(payment)).toHaveLength(REGIS_STRUCTURES.find((s) => s.code === "FN06")!.fields.length);
    expect(payment).toContain(`'=HYPERLINK(""x"") - Acconto settembre`);
    expect(readRegisRecords(fileOf(files, "FN06_pagamenti.txt").text)[0].NUMERO_DOCUMENTO).toBe("FT 1|2025");
    expect(readRegisRecords(fileOf(files, "AP00_anagrafica_progetto.txt").text)[0]).toMatchObject({ TITOLO_PROGETTO: "FSE 2.0 | Emilia-Romagna", SINTESI_PRG: "Riga uno riga due" });
  });

  it("is reproducible and says what it is: the manifest lists every file's rows and hash", () => {
    const first = buildRegisFiles(fixture());
    expect(buildRegisFiles(fixture())).toEqual(first);
    const manifest = readRegisRecords(fileOf(first, "MANIFEST.txt").text);
    expect(manifest).toHaveLength(REGIS_STRUCTURES.length);
    for (const row of manifest) {
      const file = fileOf(first, row.FILE);
      expect(row.HASH_SHA256).toBe(file.sha256);
      expect(Number(row.RIGHE)).toBe(file.rows);
      expect(row.STATO_PACCHETTO).toBe("DEFINITIVO");
    }
    const provisional = buildRegisFiles(fixture({ status: "PROVVISORIO", period: "2025-11", asOf: "2025-11-14" }));
    expect(readRegisRecords(fileOf(provisional, "MANIFEST.txt").text)[0]).toMatchObject({ STATO_PACCHETTO: "PROVVISORIO", DATI_AL: "14/11/2025", PERIODO: "2025-11" });
    expect(regisPackFileName("E39J22001830006", "2025-11", "PROVVISORIO")).toBe("regis_E39J22001830006_2025-11_provvisorio.zip");
  });

  it("gives a CUP other than the programme's only its money and procedures", () => {
    const files = buildRegisFiles(fixture({ project: { ...fixture().project, cup: "J51B21003370006", isProgrammeCup: false } }));
    expect(fileOf(files, "IN01_indicatori_output.txt").rows).toBe(0);
    expect(fileOf(files, "MILESTONE_TARGET.txt").rows).toBe(0);
    for (const structure of REGIS_STRUCTURES) expect(checkRegisFile(structure, fileOf(files, structure.file).text), structure.file).toEqual([]);
  });

  it("finds what is wrong in a file that does not follow its structure", () => {
    const pg00 = REGIS_STRUCTURES.find((s) => s.code === "PG00")!;
    const header = pg00.fields.map((f) => f.name).join("|");
    const bad = `${header}\r\nE39J22001830006|PG1|NOTACIG|||OPEN|1.000,00|2025-03-10||||\r\nE39J22001830006|PG2\r\n`;
    const problems = checkRegisFile(pg00, bad).map((p) => `${p.line}:${p.field}:${p.problem.split(" ")[0]}`);
    expect(problems).toEqual(expect.arrayContaining(["2:CIG:\"NOTACIG\"", "2:DESCR_PROCEDURA_AGG:empty", "2:IMPORTO_PROCEDURA_AGG:\"1.000,00\"", "2:DATA_PUBBLICAZIONE:\"2025-03-10\"", "3:null:2"]));
  });
});

// Italia Domani's published winners (ReGiS's own output) for the FSE measure: real CIGs and tax
// codes must pass the same checks. Read where they are; skipped when ../shared is absent.
const AWARDS = path.resolve(__dirname, "../../../../shared/data/italia-domani/open-data/PNRR_Aggiudicatari_Gare__estr2025-03-31__M6C2I1.03.01.csv");
describe.skipIf(!fs.existsSync(AWARDS))("the winners file on real Italia Domani rows", () => {
  it("writes every real winner of a CUP in the AGGIUDICATARI layout", () => {
    const [head, ...lines] = fs.readFileSync(AWARDS, "utf8").trim().split("\n");
    const columns = head.split(",");
    const rows = lines.map((line) => Object.fromEntries(splitRegisLine(line, ",").map((v, i) => [columns[i], v])));
    const cup = rows[0].CUP;
    const real = rows.filter((r) => r.CUP === cup && /^(\d{11}|[A-Z0-9]{16})$/.test(r["Codice Fiscale/P.IVA"]));
    expect(real.length).toBeGreaterThan(0);
    const parties = real.map((r) => ({ cig: r.CIG, taxCode: r["Codice Fiscale/P.IVA"], name: r["Denominazione Aggiudicatario"], legalForm: r["Descrizione Forma Giuridica Aggiudicatario"] ?? "", atecoCode: (r["Codice ATECO Aggiudicatario"] ?? "").replace(/\s/g, ""), kind: "winner" as const, role: "sole" }));
    const files = buildRegisFiles(fixture({ project: { ...fixture().project, cup }, parties }));
    const awards = fileOf(files, "AGGIUDICATARI.txt");
    expect(checkRegisFile(REGIS_STRUCTURES.find((s) => s.file === "AGGIUDICATARI.txt")!, awards.text)).toEqual([]);
    expect(awards.rows).toBe(real.length);
  });
});
