import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoActors, useTestDatabase, validationIssuesOf as issuesOf } from "#db/testing";
import { ledgerSeeds } from "#db/seed/finance-data";
import { procedureSeeds, supplierSeeds } from "#db/seed/procurement-data";
import { isValidCig, isValidPartitaIva } from "~/domain/procurement/identifiers";
import { listAudit, verifyAuditChain } from "~/models/audit/audit.server";
import { listBudgetLines } from "~/models/finance/budget-lines.server";
import { getDb } from "~/models/core/db.server";
import { PermissionError, ValidationError } from "~/models/core/errors.server";
import { previewImport, runImport } from "~/models/finance/ledger-import.server";
import { createLedgerEntry } from "~/models/finance/ledger.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import {
  addProcedureParty,
  checkLedgerCig,
  createProcedure,
  getProcedure,
  listProcedures,
  procedureHeadroomCents,
  removeProcedureParty,
  updateProcedure,
  type ProcedureInput,
} from "./procedure.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const { manager, finance, auditor } = demoActors;
const TODAY = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
}, 60_000);
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(finance).id;
const lineId = (code: string) => listBudgetLines(finance, programmeId()).lines.find((l) => l.code === code)!.id;
const input = (over: Partial<ProcedureInput> = {}): ProcedureInput => ({
  cig: "B118C88C47",
  cup: "E39J22001830006",
  subject: "Servizi di conservazione digitale",
  procedureType: "open",
  tenderedCents: 500_000_00,
  awardedCents: 450_000_00,
  awardDate: "2025-06-10",
  contractDate: "2025-07-01",
  budgetLineIds: [lineId("WP1-CLOUD")],
  ...over,
});

describe("demo procurement seed", () => {
  it("registers every CIG the demo ledger names, with valid identifiers", () => {
    const ledgerCigs = new Set(ledgerSeeds().map((e) => e.cig).filter(Boolean));
    const registered = new Set(listProcedures(auditor, programmeId()).map((p) => p.cig));
    for (const cig of ledgerCigs) expect(registered.has(cig!), cig!).toBe(true);
    for (const seed of procedureSeeds) expect(isValidCig(seed.cig), seed.cig).toBe(true);
    for (const seed of supplierSeeds) expect(isValidPartitaIva(seed.taxCode), seed.name).toBe(true);
    const types = new Set(listProcedures(auditor, programmeId()).map((p) => p.procedureType));
    for (const type of ["convention_call_off", "open", "direct_award"]) expect(types.has(type as never)).toBe(true);
  });
});

describe("procedures", () => {
  it("creates, audits and reads a procedure with its lines", () => {
    const created = createProcedure(finance, programmeId(), input());
    const detail = getProcedure(auditor, created.id);
    expect(detail.procedure.cig).toBe("B118C88C47");
    expect(detail.lines.map((l) => l.code)).toEqual(["WP1-CLOUD"]);
    expect(detail.headroom).toBe(450_000_00);
    const audit = listAudit(auditor, { entityType: "procurement_procedure" } as never);
    expect(JSON.stringify(audit)).toContain("B118C88C47");
    expect(verifyAuditChain().ok).toBe(true);
  });

  it("refuses a bad CIG, a duplicate CIG, a bad CUP and inconsistent amounts and dates, writing nothing", () => {
    const count = () => getDb().$client.prepare("select count(*) from procurement_procedure").pluck().get();
    const before = count();
    expect(issuesOf(() => createProcedure(finance, programmeId(), input({ cig: "9A41C2D7E1" })))).toEqual(["cig:procurement.error.cig"]);
    expect(issuesOf(() => createProcedure(finance, programmeId(), input()))).toEqual(["cig:procurement.error.cigTaken"]);
    expect(issuesOf(() => createProcedure(finance, programmeId(), input({ cig: "Z273AF7A5C", cup: "X", awardedCents: 600_000_00, contractDate: "2025-01-01" })))).toEqual([
      "cup:procurement.error.cup",
      "awarded:procurement.error.awardedAboveTendered",
      "contractDate:procurement.error.contractBeforeAward",
    ]);
    expect(count()).toBe(before);
  });

  it("lets managers edit, never auditors; a stale version conflicts", () => {
    const created = createProcedure(manager, programmeId(), input({ cig: "Z273AF7A5C", awardedCents: null, awardDate: null, contractDate: null }));
    expect(() => createProcedure(auditor, programmeId(), input({ cig: "Z233AAB594" }))).toThrow(PermissionError);
    const updated = updateProcedure(finance, created.id, created.version, input({ cig: "Z273AF7A5C", budgetLineIds: [lineId("WP1-SEC"), lineId("WP1-CLOUD")] }));
    expect(updated.version).toBe(2);
    expect(getProcedure(finance, created.id).lines.map((l) => l.code)).toEqual(["WP1-CLOUD", "WP1-SEC"]);
    expect(() => updateProcedure(finance, created.id, created.version, input({ cig: "Z273AF7A5C" }))).toThrow(/changed by/);
  });

  it("adds winners and subcontractors by checked tax code, reusing the supplier", () => {
    const procedure = listProcedures(finance, programmeId()).find((p) => p.cig === "B118C88C47")!;
    expect(issuesOf(() => addProcedureParty(finance, procedure.id, { taxCode: "02086690374", name: "X", kind: "winner", role: "sole" }))).toEqual([
      "taxCode:procurement.error.taxCode.checkDigit",
    ]);
    const party = addProcedureParty(finance, procedure.id, { taxCode: "05994810488", name: "DEDALUS ITALIA S.P.A.", legalForm: "Società per azioni", atecoCode: "62.01.00", kind: "winner", role: "mandataria" });
    addProcedureParty(finance, procedure.id, { taxCode: "IT08825020723", name: "EXPRIVIA S.P.A.", kind: "subcontractor", role: "subcontractor" });
    expect(issuesOf(() => addProcedureParty(finance, procedure.id, { taxCode: "05994810488", name: "Dedalus", kind: "winner", role: "mandante" }))).toEqual([
      "taxCode:procurement.error.partyTwice",
    ]);
    expect(issuesOf(() => addProcedureParty(finance, procedure.id, { taxCode: "02086690373", name: "RER", kind: "winner", role: "subcontractor" }))).toEqual(["role:procurement.error.roleKind"]);
    const detail = getProcedure(auditor, procedure.id);
    expect(detail.parties.map((p) => [p.name, p.kind, p.role])).toEqual([
      ["DEDALUS ITALIA S.P.A.", "subcontractor", "subcontractor"].map((v, i) => (i === 0 ? "EXPRIVIA S.P.A." : v)),
      ["DEDALUS ITALIA S.P.A.", "winner", "mandataria"],
    ]);
    removeProcedureParty(finance, party.id);
    expect(getProcedure(auditor, procedure.id).parties).toHaveLength(1);
  });
});

describe("the ledger and the register", () => {
  it("refuses a ledger entry or import row whose CIG is not registered", async () => {
    expect(checkLedgerCig(getDb(), programmeId(), "A01D44C9B3")).toEqual([]);
    expect(checkLedgerCig(getDb(), programmeId(), "")).toEqual([]);
    expect(checkLedgerCig(getDb(), programmeId(), "9999999999").map((i) => i.message.key)).toEqual(["procurement.error.cigNotRegistered"]);
    const entry = {
      budgetLineId: lineId("WP1-CLOUD"),
      kind: "commitment" as const,
      entryDate: "2025-11-10",
      amountCents: 100_000_00,
      supplier: "Dedalus",
      cig: "9999999999",
      documentNumber: "DET-X",
    };
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), entry, TODAY))).toEqual(["cig:procurement.error.cigNotRegistered"]);
    const csv = Buffer.from("Data;Tipo;Linea;Importo;Fornitore;CIG;Numero documento\r\n10/11/2025;impegno;WP1-CLOUD;10,00;X;9999999999;D-1\r\n10/11/2025;impegno;WP1-CLOUD;10,00;X;B118C88C47;D-2\r\n");
    const preview = await previewImport(finance, programmeId(), { fileName: "cig.csv", content: csv }, TODAY);
    expect(preview.issues.map((i) => [i.row, i.column, i.message.key])).toEqual([[2, "CIG", "procurement.error.cigNotRegistered"]]);
  });

  it("reports the headroom left under the awarded amount", () => {
    const procedure = listProcedures(finance, programmeId()).find((p) => p.cig === "B118C88C47")!;
    createLedgerEntry(finance, programmeId(), { budgetLineId: lineId("WP1-CLOUD"), kind: "commitment", entryDate: "2025-11-10", amountCents: 400_000_00, supplier: "Dedalus", cig: "B118C88C47", documentNumber: "DET-HEAD", confirmOverCommitment: true, overrunReason: "prova del margine" }, TODAY);
    expect(procedureHeadroomCents(getDb(), procedure.id)).toBe(50_000_00);
    expect(listProcedures(auditor, programmeId()).find((p) => p.cig === "B118C88C47")!.committed).toBe(400_000_00);
  });

  it("asks for a confirmation with a reason before committing beyond the awarded amount, in the form and in the import, and audits it", async () => {
    // After the test above: 450.000,00 awarded, 400.000,00 committed, 50.000,00 left.
    const commitment = { budgetLineId: lineId("WP1-CLOUD"), kind: "commitment" as const, entryDate: "2025-11-11", supplier: "Dedalus", cig: "B118C88C47" };
    const beyond = { ...commitment, amountCents: 60_000_00, documentNumber: "DET-OVER" };
    // The demo commits every line's whole budget, so the line check speaks too; the procedure's is its own.
    const unconfirmed = (() => {
      try {
        createLedgerEntry(finance, programmeId(), beyond, TODAY);
      } catch (error) {
        return (error as ValidationError).issues;
      }
      throw new Error("expected a ValidationError");
    })();
    const procedureIssue = unconfirmed.find((i) => i.message.key === "finance.overrun.procedureAwarded");
    expect(procedureIssue?.field).toBe("confirmOverCommitment");
    expect(procedureIssue?.message.params).toMatchObject({ subject: "B118C88C47", limit: "€ 450.000,00", after: "€ 460.000,00", excess: "€ 10.000,00" });
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), { ...beyond, confirmOverCommitment: true, overrunReason: " " }, TODAY))).toEqual(["overrunReason:finance.overrun.reasonRequired"]);
    // Within what is left: only the line's own limit, not the procedure's.
    const within = (() => {
      try {
        createLedgerEntry(finance, programmeId(), { ...commitment, amountCents: 50_000_00, documentNumber: "DET-WITHIN" }, TODAY);
      } catch (error) {
        return (error as ValidationError).issues.map((i) => i.message.key);
      }
      return [];
    })();
    expect(within).not.toContain("finance.overrun.procedureAwarded");
    const created = createLedgerEntry(finance, programmeId(), { ...beyond, confirmOverCommitment: true, overrunReason: "Quinto d'obbligo: variante approvata" }, TODAY);
    expect(procedureHeadroomCents(getDb(), listProcedures(finance, programmeId()).find((p) => p.cig === "B118C88C47")!.id)).toBe(-10_000_00);
    const audited = JSON.parse(getDb().$client.prepare("select after_json from audit_log where entity_type = 'ledger_entry' and entity_id = ? order by id desc limit 1").pluck().get(String(created.id)) as string);
    expect(audited.overrunReason).toBe("Quinto d'obbligo: variante approvata");
    expect(audited.overrunsConfirmed).toContainEqual({ check: "procedureAwarded", subject: "B118C88C47", limitCents: 450_000_00, afterCents: 460_000_00 });

    // The import: the rows naming the CIG are a warning to confirm; the publish audits the confirmation.
    const csv = Buffer.from(
      "Data;Tipo;Linea;Importo;Fornitore;CIG;Numero documento\r\n" +
        "12/11/2025;impegno;WP1-CLOUD;1.000,00;Dedalus;B118C88C47;DET-IMP-1\r\n" +
        "12/11/2025;pagamento;WP1-CLOUD;500,00;Dedalus;B118C88C47;FT-IMP-1\r\n" +
        "12/11/2025;impegno;WP1-CLOUD;2.000,00;Altro;A01D44C9B3;DET-IMP-2\r\n",
    );
    const preview = await previewImport(finance, programmeId(), { fileName: "procedura.csv", content: csv }, TODAY);
    expect(preview.issueCount).toBe(0);
    const warning = preview.warnings.find((w) => w.overrun.check === "procedureAwarded");
    expect(warning && [warning.overrun.subject, warning.overrun.limit, warning.overrun.after, warning.rows, warning.rowCount]).toEqual(["B118C88C47", 450_000_00, 461_000_00, [2], 1]);
    await expect(runImport(finance, programmeId(), { fileName: "procedura.csv", content: csv }, TODAY)).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ field: "confirmOverCommitment", message: expect.objectContaining({ key: "finance.overrun.procedureAwarded" }) })]),
    });
    const result = await runImport(finance, programmeId(), { fileName: "procedura.csv", content: csv, confirmation: { confirmed: true, reason: "Estensione del contratto" } }, TODAY);
    expect(result.importedCount).toBe(3);
    const batchAudit = JSON.parse(getDb().$client.prepare("select after_json from audit_log where entity_type = 'import_batch' and entity_id = ?").pluck().get(String(result.batchId)) as string);
    expect(batchAudit.overrunReason).toBe("Estensione del contratto");
    expect(batchAudit.overrunsConfirmed).toContainEqual({ check: "procedureAwarded", subject: "B118C88C47", limitCents: 450_000_00, afterCents: 461_000_00 });
  });
});
