import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#db/testing";
import type { Actor } from "./actor.server";
import { listAudit, verifyAuditChain } from "./audit.server";
import { listBudgetLines, getBudgetLine, saveBudgetLineProfile, spreadBudgetLineProfile, updateBudgetLine } from "./budget.server";
import { getDb } from "./db.server";
import { PermissionError, ValidationError } from "./errors.server";
import { guessMapping, ImportRejected, previewImport, runImport } from "./import.server";
import { createLedgerEntry, getLedgerEntry, lineTotals, reverseLedgerEntry } from "./ledger.server";
import { getCurrentProgramme } from "./programme.server";
import { getEarnedValue, getSpendSummary, getSpendTable, readSpendRows } from "./spend.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const finance: Actor = { id: 3, name: "Marco Bassi", role: "finance" };
const auditor: Actor = { id: 4, name: "Elena Conti", role: "auditor" };
const manager: Actor = { id: 2, name: "Giulia Ferri", role: "manager" };
const TODAY = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(finance).id;
const lineByCode = (code: string) => listBudgetLines(finance, programmeId()).lines.find((l) => l.code === code)!;
function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.field}:${i.message.key}`);
    throw error;
  }
  throw new Error("expected a ValidationError");
}
const entry = (over: Partial<Parameters<typeof createLedgerEntry>[2]> = {}) => ({
  budgetLineId: lineByCode("WP6-CAMP").id,
  kind: "commitment" as const,
  entryDate: "2025-11-10",
  amountCents: 10_000_00,
  supplier: "Fornitore di prova S.r.l.",
  cig: "A01D44C9B3", // registered by the seed's procurement register
  documentNumber: `DOC-${Math.random().toString(36).slice(2, 8)}`,
  description: "Prova",
  ...over,
});

describe("demo finance seed", () => {
  it("has budget lines summing to exactly € 39.000.000,00 and profiles that match their lines", () => {
    const { linesTotal, programmeTotal, difference, lines } = listBudgetLines(auditor, programmeId());
    expect(linesTotal).toBe(39_000_000_00);
    expect(programmeTotal).toBe(39_000_000_00);
    expect(difference).toBe(0);
    expect(new Set(lines.map((l) => l.workPackageCode)).size).toBe(7);
    for (const line of lines) expect(line.profileCents, line.code).toBe(line.amountCents);
  });
  it("keeps monthly totals equal to the ledger", () => {
    const client = getDb().$client;
    const fromLedger = client.prepare("select budget_line_id, kind, substr(entry_date,1,7) m, sum(amount_cents) s from ledger_entry group by 1,2,3 order by 1,2,3").raw().all();
    const fromMonths = client.prepare("select budget_line_id, kind, month, amount_cents from ledger_month order by 1,2,3").raw().all();
    expect(fromMonths).toEqual(fromLedger);
  });
});

describe("ledger", () => {
  it("is append-only at the database level", () => {
    const client = getDb().$client;
    expect(() => client.prepare("update ledger_entry set amount_cents = 1").run()).toThrow(/append-only/);
    expect(() => client.prepare("delete from ledger_entry").run()).toThrow(/append-only/);
  });

  it("refuses readers, bad input and future dates", () => {
    expect(() => createLedgerEntry(auditor, programmeId(), entry(), TODAY)).toThrow(PermissionError);
    expect(() => createLedgerEntry(manager, programmeId(), entry(), TODAY)).toThrow(PermissionError);
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), entry({ amountCents: -5, cig: "SHORT", supplier: " ", entryDate: "2025-11-15" }), TODAY))).toEqual([
      "entryDate:finance.error.futureDate",
      "amount:finance.error.amountPositive",
      "supplier:finance.error.required",
      "cig:finance.error.cig",
    ]);
  });

  it("needs an explicit confirmation to pay beyond commitments, and audits the entry", () => {
    const line = lineByCode("WP6-CAMP");
    const before = lineTotals(getDb(), line.id);
    const gap = before.committed - before.paid;
    const auditBefore = listAudit(auditor, {}).total;
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), entry({ kind: "payment", amountCents: gap + 1 }), TODAY))).toEqual([
      "confirmOverCommitment:finance.error.overCommitment",
    ]);
    const created = createLedgerEntry(finance, programmeId(), entry({ kind: "payment", amountCents: gap + 1, confirmOverCommitment: true }), TODAY);
    expect(lineTotals(getDb(), line.id).paid).toBe(before.paid + gap + 1);
    const audit = listAudit(auditor, { entityType: "ledger_entry", entityId: String(created.id) });
    expect(audit.entries[0].after).toMatchObject({ amountCents: gap + 1, overCommitmentConfirmed: true });
    expect(listAudit(auditor, {}).total).toBe(auditBefore + 1);
    // The same entry typed again is recognised.
    const { id, ...same } = { ...created, confirmOverCommitment: true };
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), { ...same, cig: same.cig, budgetLineId: line.id }, TODAY))).toEqual([
      "documentNumber:finance.error.duplicateEntry",
    ]);
  });

  it("reverses an entry once, restoring the line total, and never reverses a reversal", () => {
    const line = lineByCode("WP7-AT");
    const before = lineTotals(getDb(), line.id);
    const created = createLedgerEntry(finance, programmeId(), entry({ budgetLineId: line.id, amountCents: 1_234_56 }), TODAY);
    expect(lineTotals(getDb(), line.id).committed).toBe(before.committed + 1_234_56);
    expect(issuesOf(() => reverseLedgerEntry(finance, { entryId: created.id, entryDate: "2025-11-01", reason: "errore" }, TODAY))).toEqual([
      "entryDate:finance.error.reversalBeforeOriginal",
    ]);
    const reversal = reverseLedgerEntry(finance, { entryId: created.id, entryDate: "2025-11-12", reason: "Importo errato" }, TODAY);
    expect(reversal.amountCents).toBe(-1_234_56);
    expect(reversal.reversesEntryId).toBe(created.id);
    expect(lineTotals(getDb(), line.id)).toEqual(before);
    expect(getLedgerEntry(auditor, created.id).reversal?.id).toBe(reversal.id);
    expect(issuesOf(() => reverseLedgerEntry(finance, { entryId: created.id, entryDate: "2025-11-12", reason: "ancora" }, TODAY))).toEqual([
      "null:finance.error.alreadyReversed",
    ]);
    expect(issuesOf(() => reverseLedgerEntry(finance, { entryId: reversal.id, entryDate: "2025-11-12", reason: "x" }, TODAY))).toEqual([
      "null:finance.error.reverseReversal",
    ]);
  });
});

describe("spend views", () => {
  it("as of a past date ignores later entries, exactly", () => {
    const client = getDb().$client;
    const asOf = "2024-06-15";
    const expected = client
      .prepare("select kind, sum(amount_cents) s from ledger_entry where entry_date <= ? group by kind")
      .all(asOf) as { kind: string; s: number }[];
    const summary = getSpendSummary(auditor, programmeId(), asOf).summary;
    expect(summary.committed).toBe(expected.find((r) => r.kind === "commitment")!.s);
    expect(summary.paid).toBe(expected.find((r) => r.kind === "payment")!.s);
    const rows = readSpendRows(programmeId(), asOf).actuals;
    expect(rows.every(([, , month]) => month <= "2024-06")).toBe(true);
  });

  it("draws the S-curve from January 2023 to June 2026, planned reaching the whole budget", () => {
    const { months, summary } = getSpendSummary(auditor, programmeId(), TODAY);
    expect(months[0].month).toBe("2023-01");
    expect(months.at(-1)!.month >= "2026-06").toBe(true);
    expect(months.at(-1)!.cumPlanned).toBe(39_000_000_00);
    expect(months.find((m) => m.month === "2025-11")!.cumPaid).toBe(summary.paid);
    expect(months.find((m) => m.month === "2025-12")!.cumPaid).toBeNull();
    expect(summary.absorption).toBeCloseTo(summary.paid / summary.plannedToDate, 12);
  });

  it("splits a year into quarters that add up to the year, and computes earned value", () => {
    const table = getSpendTable(auditor, programmeId(), TODAY, 2025);
    const sum = table.total.quarters.reduce((a, q) => a + q.paid, 0);
    expect(sum).toBe(table.total.year.paid);
    expect(table.quarters[3].started).toBe(true);
    const evm = getEarnedValue(auditor, programmeId(), TODAY);
    expect(evm.workPackages).toHaveLength(7);
    expect(evm.total.bac).toBe(39_000_000_00);
    for (const wp of evm.workPackages) expect(wp.evm.ev).toBe(Math.round((wp.evm.bac * wp.progress) / 100));
  });
});

describe("budget lines", () => {
  it("saves a profile only when it sums to the cent, and rescales it when the amount changes", () => {
    const line = getBudgetLine(finance, lineByCode("WP6-MAT").id).line;
    expect(issuesOf(() => saveBudgetLineProfile(finance, { id: line.id, version: line.version, profile: [{ month: "2025-01", cents: line.amountCents - 1 }] }))).toEqual([
      "null:finance.error.profileSum",
    ]);
    const spread = spreadBudgetLineProfile(finance, { id: line.id, version: line.version, from: "2025-01", to: "2025-03", method: "front" });
    expect(getBudgetLine(finance, line.id).profile.map((p) => p.cents)).toEqual([15_000_000, 10_000_000, 5_000_000]);
    const updated = updateBudgetLine(finance, { ...spread, amountCents: 300_000_01 });
    const detail = getBudgetLine(finance, updated.id);
    expect(detail.profileTotal).toBe(300_000_01);
    expect(listBudgetLines(auditor, programmeId()).difference).toBe(1);
    expect(() => updateBudgetLine(auditor, { ...updated, amountCents: 1 })).toThrow(PermissionError);
  });
});

const header = "\uFEFFData;Tipo;Linea;Importo;Fornitore;CIG;Numero documento;Descrizione\r\n";
const good = (n: number, doc = "T") =>
  Array.from({ length: n }, (_, i) => `0${(i % 9) + 1}/10/2025;impegno;WP2-DEV;1.000,${String(i % 100).padStart(2, "0")};Fornitore Test S.r.l.;A01D44C9B3;${doc}-${i};"Riga; con separatore"\r\n`).join("");

describe("CSV import", () => {
  it("lists every bad row with line, column and reason, and writes nothing", async () => {
    const text =
      header +
      good(2) +
      "31/02/2025;impegno;WP2-DEV;10,00;X;;B-1;\r\n" +
      "01/10/2025;pagamento;WP9-NONE;10,00;X;;B-2;\r\n" +
      "01/10/2025;impegno;WP2-DEV;12.34;X;;B-3;\r\n";
    const content = Buffer.from(text);
    const preview = previewImport(finance, programmeId(), { fileName: "bad.csv", content }, TODAY);
    expect(preview.issues.map((i) => [i.line, i.column, i.message.key])).toEqual([
      [4, "Data", "finance.import.error.dateInvalid"],
      [5, "Linea", "finance.import.error.line"],
      [6, "Importo", "finance.import.error.amount"],
    ]);
    const count = () => getDb().$client.prepare("select count(*) from ledger_entry").pluck().get();
    const before = count();
    await expect(runImport(finance, programmeId(), { fileName: "bad.csv", content }, TODAY)).rejects.toBeInstanceOf(ImportRejected);
    expect(count()).toBe(before);
  });

  it("imports all rows in one go, then recognises the same file and the same rows", async () => {
    const content = Buffer.from(header + good(12_000, "BIG"));
    const phases: string[] = [];
    const result = await runImport(finance, programmeId(), { fileName: "ok.csv", content }, TODAY, (p) => phases.push(p.phase));
    expect(result.importedCount).toBe(12_000);
    expect(phases).toContain("writing");
    expect(phases.at(-1)).toBe("done");
    expect(verifyAuditChain().ok).toBe(true);
    await expect(runImport(finance, programmeId(), { fileName: "ok-again.csv", content }, TODAY)).rejects.toMatchObject({
      issues: [{ message: { key: "finance.import.error.sameFile" } }],
    });
    // Same rows plus one new one, in another file: only the new row is counted.
    const more = Buffer.from(header + good(12_000, "BIG") + "05/11/2025;pagamento;WP2-DEV;1,00;Altro;;NEW-1;\r\n");
    const preview = previewImport(finance, programmeId(), { fileName: "more.csv", content: more }, TODAY);
    expect(preview.duplicateCount).toBe(12_000);
    expect(preview.newCount).toBe(1);
    const second = await runImport(finance, programmeId(), { fileName: "more.csv", content: more }, TODAY);
    expect(second.importedCount).toBe(1);
    expect(second.skippedCount).toBe(12_000);
  }, 60_000); // 36,000 rows through validation on a shared, busy machine

  it("maps columns by their Italian names, and lets the user map the rest", () => {
    expect(guessMapping(["Data registrazione", "Tipo movimento", "Voce di spesa", "Importo (€)", "Beneficiario", "CIG", "N. atto", "Causale"])).toEqual({
      entryDate: 0, kind: 1, lineCode: 2, amount: 3, supplier: 4, cig: 5, documentNumber: 6, description: 7,
    });
    const content = Buffer.from("Quando;Cosa;Linea;Euro;Fornitore;Doc\n01/10/2025;impegno;WP2-DEV;1,00;X;D-MAP-1\n");
    const guessed = previewImport(finance, programmeId(), { fileName: "map.csv", content }, TODAY);
    expect(guessed.formIssues.map((m) => m.params?.field)).toEqual(["finance.import.field.entryDate", "finance.import.field.kind", "finance.import.field.amount", "finance.import.field.documentNumber"]);
    const mapped = previewImport(finance, programmeId(), { fileName: "map.csv", token: guessed.token, mapping: { entryDate: 0, kind: 1, lineCode: 2, amount: 3, supplier: 4, documentNumber: 5 } }, TODAY);
    expect(mapped.formIssues).toEqual([]);
    expect(mapped.newCount).toBe(1);
    expect(() => previewImport(finance, programmeId(), { fileName: "x.csv", token: "../../etc/passwd" }, TODAY)).toThrow(ValidationError);
  });

  it("refuses readers", () => {
    expect(() => previewImport(auditor, programmeId(), { fileName: "x.csv", content: Buffer.from(header) }, TODAY)).toThrow(PermissionError);
  });
});
