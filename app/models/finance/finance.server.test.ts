import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Heavy model tests (imports of thousands of rows): budgets sized for a slow, busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
import { demoActors, useTestDatabase, validationIssuesOf as issuesOf } from "#db/testing";
import { listAudit, verifyAuditChain } from "~/models/audit/audit.server";
import { listBudgetLines, getBudgetLine, saveBudgetLineProfile, spreadBudgetLineProfile, updateBudgetLine } from "./budget-lines.server";
import { getDb } from "~/models/core/db.server";
import { ImportRowsError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getImportJob, guessMapping, listImportJobs, previewImport, restartImport, runImport } from "./ledger-import.server";
import { sweepInterrupted } from "./ledger-import/jobs.server";
import { createLedgerEntry, getLedgerEntry, lineTotals, reverseLedgerEntry } from "./ledger.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getEarnedValue, getSpendSummary, getSpendTable, readSpendRows } from "./spend.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const { manager, finance, auditor } = demoActors;
const TODAY = "2025-11-14";
/** The demo commits every line's whole budget, so any new commitment is an overrun to confirm. */
const ok = { confirmed: true, reason: "Prova: variante approvata" };
const confirmed = { confirmOverCommitment: true, overrunReason: ok.reason };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(finance).id;
const lineByCode = (code: string) => listBudgetLines(finance, programmeId()).lines.find((l) => l.code === code)!;
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
      "confirmOverCommitment:finance.overrun.paymentsOverCommitted",
    ]);
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), entry({ kind: "payment", amountCents: gap + 1, confirmOverCommitment: true }), TODAY))).toEqual([
      "overrunReason:finance.overrun.reasonRequired",
    ]);
    const created = createLedgerEntry(finance, programmeId(), entry({ kind: "payment", amountCents: gap + 1, confirmOverCommitment: true, overrunReason: "Anticipo contrattuale" }), TODAY);
    expect(lineTotals(getDb(), line.id).paid).toBe(before.paid + gap + 1);
    const audit = listAudit(auditor, { entityType: "ledger_entry", entityId: String(created.id) });
    expect(audit.entries[0].after).toMatchObject({ amountCents: gap + 1, overCommitmentConfirmed: true, overrunReason: "Anticipo contrattuale" });
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
    const created = createLedgerEntry(finance, programmeId(), entry({ budgetLineId: line.id, amountCents: 1_234_56, ...confirmed }), TODAY);
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
    const preview = await previewImport(finance, programmeId(), { fileName: "bad.csv", content }, TODAY);
    expect(preview.issues.map((i) => [i.row, i.column, i.message.key])).toEqual([
      [4, "Data", "finance.import.error.dateInvalid"],
      [5, "Linea", "finance.import.error.line"],
      [6, "Importo", "finance.import.error.amount"],
    ]);
    const count = () => getDb().$client.prepare("select count(*) from ledger_entry").pluck().get();
    const before = count();
    await expect(runImport(finance, programmeId(), { fileName: "bad.csv", content }, TODAY)).rejects.toBeInstanceOf(ImportRowsError);
    expect(count()).toBe(before);
  });

  it("imports all rows in one go, then recognises the same file and the same rows", async () => {
    const content = Buffer.from(header + good(12_000, "BIG"));
    const phases: string[] = [];
    const result = await runImport(finance, programmeId(), { fileName: "ok.csv", content, confirmation: ok }, TODAY, (p) => phases.push(p.phase));
    expect(result.importedCount).toBe(12_000);
    expect(phases).toContain("staging");
    expect(phases).toContain("publishing");
    expect(phases.at(-1)).toBe("done");
    expect(verifyAuditChain().ok).toBe(true);
    await expect(runImport(finance, programmeId(), { fileName: "ok-again.csv", content }, TODAY)).rejects.toMatchObject({
      issues: [{ message: { key: "finance.import.error.sameFile" } }],
    });
    // Same rows plus one new one, in another file: only the new row is counted.
    const more = Buffer.from(header + good(12_000, "BIG") + "05/11/2025;pagamento;WP2-DEV;1,00;Altro;;NEW-1;\r\n");
    const preview = await previewImport(finance, programmeId(), { fileName: "more.csv", content: more }, TODAY);
    expect(preview.duplicateCount).toBe(12_000);
    expect(preview.newCount).toBe(1);
    const second = await runImport(finance, programmeId(), { fileName: "more.csv", content: more, confirmation: ok }, TODAY);
    expect(second.importedCount).toBe(1);
    expect(second.skippedCount).toBe(12_000);
  });

  it("maps columns by their Italian names, and lets the user map the rest", async () => {
    expect(guessMapping(["Data registrazione", "Tipo movimento", "Voce di spesa", "Importo (€)", "Beneficiario", "CIG", "N. atto", "Causale"])).toEqual({
      entryDate: 0, kind: 1, lineCode: 2, amount: 3, supplier: 4, cig: 5, documentNumber: 6, description: 7,
    });
    const content = Buffer.from("Quando;Cosa;Linea;Euro;Fornitore;Doc\n01/10/2025;impegno;WP2-DEV;1,00;X;D-MAP-1\n");
    const guessed = await previewImport(finance, programmeId(), { fileName: "map.csv", content }, TODAY);
    expect(guessed.formIssues.map((m) => m.params?.field)).toEqual(["finance.import.field.entryDate", "finance.import.field.kind", "finance.import.field.amount", "finance.import.field.documentNumber"]);
    const mapped = await previewImport(finance, programmeId(), { fileName: "map.csv", token: guessed.token, mapping: { entryDate: 0, kind: 1, lineCode: 2, amount: 3, supplier: 4, documentNumber: 5 } }, TODAY);
    expect(mapped.formIssues).toEqual([]);
    expect(mapped.newCount).toBe(1);
    await expect(previewImport(finance, programmeId(), { fileName: "x.csv", token: "../../etc/passwd" }, TODAY)).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses readers", async () => {
    await expect(previewImport(auditor, programmeId(), { fileName: "x.csv", content: Buffer.from(header) }, TODAY)).rejects.toBeInstanceOf(PermissionError);
  });
});

describe("CSV import of real accounting exports", () => {
  const exportHeader = "\uFEFFData;Tipo;Voce di bilancio;Importo;Fornitore;CIG;Numero documento;Descrizione\r\n";

  it("turns a reversal row into a reversing entry linked to its original, in the same file or in the ledger", async () => {
    const line = lineByCode("WP7-AT");
    const before = lineTotals(getDb(), line.id);
    const text =
      exportHeader +
      "01/09/2025;Impegno;WP7-AT;5.000,00;Studio Rossi;A01D44C9B3;DET-R1;Incarico\r\n" +
      "02/09/2025;Mandato;WP7-AT;1.200,00;Studio Rossi;A01D44C9B3;FT-R1;Fattura\r\n" +
      "03/09/2025;Storno;WP7-AT;-1.200,00;Studio Rossi;A01D44C9B3;NC-R1;Nota di credito\r\n";
    const preview = await previewImport(finance, programmeId(), { fileName: "storno.csv", content: Buffer.from(text) }, TODAY);
    expect(preview.issues).toEqual([]);
    expect(preview.reversalCount).toBe(1);
    const result = await runImport(finance, programmeId(), { fileName: "storno.csv", content: Buffer.from(text), confirmation: ok }, TODAY);
    expect(result.importedCount).toBe(3);
    expect(lineTotals(getDb(), line.id)).toEqual({ committed: before.committed + 5_000_00, paid: before.paid });
    const rows = getDb().$client.prepare("select id, document_number, amount_cents, reverses_entry_id from ledger_entry where import_batch_id = ? order by id").all(result.batchId) as { id: number; document_number: string; amount_cents: number; reverses_entry_id: number | null }[];
    expect(rows.map((r) => [r.document_number, r.amount_cents])).toEqual([["DET-R1", 5_000_00], ["FT-R1", 1_200_00], ["NC-R1", -1_200_00]]);
    expect(rows[2].reverses_entry_id).toBe(rows[1].id);
    expect(getLedgerEntry(auditor, rows[1].id).reversal?.id).toBe(rows[2].id);

    // A later file reverses the commitment, found in the ledger; a second reversal of it has nothing left.
    const later = exportHeader + "10/10/2025;Storno impegno;WP7-AT;5.000,00;Studio Rossi;A01D44C9B3;DET-R1-ANN;Annullamento\r\n";
    const second = await runImport(finance, programmeId(), { fileName: "storno-2.csv", content: Buffer.from(later) }, TODAY);
    expect(second.reversalCount).toBe(1);
    expect(lineTotals(getDb(), line.id)).toEqual(before);
    const again = exportHeader + "11/10/2025;Storno impegno;WP7-AT;5.000,00;Studio Rossi;A01D44C9B3;DET-R1-ANN2;Ancora\r\n";
    const refused = await previewImport(finance, programmeId(), { fileName: "storno-3.csv", content: Buffer.from(again) }, TODAY);
    expect(refused.issues.map((i) => [i.row, i.message.key])).toEqual([[2, "finance.import.error.reversalExceeds"]]);
    const none = exportHeader + "11/10/2025;Storno;WP7-AT;-77,00;Nessuno;;NC-X;\r\n";
    expect((await previewImport(finance, programmeId(), { fileName: "storno-4.csv", content: Buffer.from(none) }, TODAY)).issues.map((i) => i.message.key)).toEqual([
      "finance.import.error.reversalNoOriginal",
    ]);
  });

  it("maps budget lines by name and movement types by synonym, saves the mapping and offers it next time", async () => {
    const line = lineByCode("WP6-MAT");
    const text = `\uFEFFData;Causale movimento;Capitolo;Importo;Beneficiario;CIG;N. atto;Oggetto\r\n01/10/2025;IMP;${line.title.toUpperCase()};10,00;X S.r.l.;;A-1;\r\n02/10/2025;Liquidazione;Cap. 1234;5,00;X S.r.l.;;A-2;\r\n03/10/2025;Liquidazione;Cap. 1234;6,00;X S.r.l.;;A-3;\r\n`;
    const first = await previewImport(finance, programmeId(), { fileName: "cap.csv", content: Buffer.from(text) }, TODAY);
    const lineValues = Object.fromEntries(first.values.lines.map((v) => [v.value, [v.by, v.target, v.rows]]));
    expect(lineValues).toEqual({ [line.title.toUpperCase()]: ["name", line.id, [2]], "Cap. 1234": ["none", null, [3, 4]] });
    expect(first.values.kinds.map((v) => [v.value, v.target])).toEqual([["IMP", "commitment"], ["Liquidazione", "payment"]]);
    expect(first.unmappedCount).toBe(1);
    expect(first.issues.map((i) => i.row)).toEqual([3, 4]);
    const chosen = { lines: { "cap 1234": line.id } };
    const mapped = await previewImport(finance, programmeId(), { fileName: "cap.csv", token: first.token, values: chosen }, TODAY);
    expect(mapped.issues).toEqual([]);
    expect(mapped.values.lines.find((v) => v.value === "Cap. 1234")?.by).toBe("hand");
    await runImport(finance, programmeId(), { fileName: "cap.csv", content: Buffer.from(text), values: chosen, confirmation: ok }, TODAY);
    const next = text.replace(/A-(\d)/g, "B-$1");
    const offered = await previewImport(finance, programmeId(), { fileName: "cap-2.csv", content: Buffer.from(next) }, TODAY);
    expect(offered.profileSavedAt).not.toBeNull();
    expect(offered.issues).toEqual([]);
    expect(offered.values.lines.find((v) => v.value === "Cap. 1234")).toMatchObject({ by: "profile", target: line.id });
  });

  it("lists over-commitments as warnings and imports them only when confirmed with a reason", async () => {
    const line = lineByCode("WP6-CAMP");
    const totals = lineTotals(getDb(), line.id);
    const over = getBudgetLine(finance, line.id).line.amountCents - totals.committed + 1_00;
    const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
    const text = exportHeader + `05/11/2025;Impegno;WP6-CAMP;${euros(over)};Agenzia;;DET-OVER;\r\n`;
    const preview = await previewImport(finance, programmeId(), { fileName: "over.csv", content: Buffer.from(text) }, TODAY);
    expect(preview.warnings.map((w) => [w.overrun.check, w.overrun.subject, w.rows])).toContainEqual(["lineBudget", "WP6-CAMP", [2]]);
    await expect(runImport(finance, programmeId(), { fileName: "over.csv", content: Buffer.from(text) }, TODAY)).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ field: "confirmOverCommitment", message: expect.objectContaining({ key: "finance.overrun.lineBudget" }) })]),
    });
    const result = await runImport(finance, programmeId(), { fileName: "over.csv", content: Buffer.from(text), confirmation: { confirmed: true, reason: "Variante approvata" } }, TODAY);
    const audit = listAudit(auditor, { entityType: "import_batch", entityId: String(result.batchId) });
    expect(audit.entries[0].after).toMatchObject({ overrunReason: "Variante approvata" });
  });

  it("lets other users write while an import stages its rows", async () => {
    const content = Buffer.from(header + good(9_000, "CONC"));
    const written: number[] = [];
    let n = 0;
    const result = await runImport(finance, programmeId(), { fileName: "conc.csv", content, confirmation: ok }, TODAY, (p) => {
      if (p.phase === "staging" && written.length < 3) {
        const e = createLedgerEntry(finance, programmeId(), entry({ documentNumber: `DURING-${n++}`, amountCents: 1_00, ...confirmed }), TODAY);
        written.push(e.id);
      }
    });
    expect(written.length).toBeGreaterThan(0);
    expect(result.importedCount).toBe(9_000);
    const batchIds = getDb().$client.prepare("select count(*) from ledger_entry where import_batch_id = ?").pluck().get(result.batchId);
    expect(batchIds).toBe(9_000);
  }, 120_000);

  it("shows an import cut short by a restart as interrupted, with nothing in the ledger, and starts it again", async () => {
    const content = Buffer.from(header + good(50, "INT"));
    const db = getDb();
    const count = () => db.$client.prepare("select count(*) from ledger_entry where document_number like 'INT-%'").pluck().get();
    // A job that a dead process left in its staging phase (heartbeat long gone).
    const token = (await previewImport(finance, programmeId(), { fileName: "int.csv", content }, TODAY)).token;
    db.$client
      .prepare("insert into import_job (id, programme_id, actor_id, actor_name, file_name, file_hash, options, phase, processed, total, started_at, heartbeat_at) values ('dead-job', ?, ?, ?, 'int.csv', ?, ?, 'staging', 20, 0, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')")
      .run(programmeId(), finance.id, finance.name, token, JSON.stringify({ today: TODAY, confirmation: ok }));
    db.$client.prepare("insert into import_staging (job_id, seq, row, budget_line_id, kind, entry_date, amount_cents, supplier, cig, document_number, description, fingerprint) values ('dead-job', 1, 2, ?, 'commitment', '2025-10-01', 100, 'X', null, 'INT-0', '', 'f')").run(lineByCode("WP2-DEV").id);
    sweepInterrupted();
    expect(getImportJob(finance, "dead-job").progress.phase).toBe("interrupted");
    expect(listImportJobs(finance, programmeId()).map((j) => j.id)).toContain("dead-job");
    expect(db.$client.prepare("select count(*) from import_staging where job_id = 'dead-job'").pluck().get()).toBe(0);
    expect(count()).toBe(0);
    const again = restartImport(finance, "dead-job", TODAY);
    for (let i = 0; i < 200 && getImportJob(finance, again).progress.phase !== "done"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(getImportJob(finance, again).progress.phase).toBe("done");
    expect(count()).toBe(50);
  }, 60_000);

  it("keeps monthly totals equal to the ledger after bulk publishes", () => {
    const client = getDb().$client;
    expect(client.prepare("select count(*) from import_batch where bulk = 1").pluck().get()).toBeGreaterThan(3);
    const fromLedger = client.prepare("select budget_line_id, kind, substr(entry_date,1,7) m, sum(amount_cents) s, count(*) n from ledger_entry group by 1,2,3 order by 1,2,3").raw().all();
    const fromMonths = client.prepare("select budget_line_id, kind, month, amount_cents, entry_count from ledger_month order by 1,2,3").raw().all();
    expect(fromMonths).toEqual(fromLedger);
  });
});

describe("ledger XLSX export beyond a sheet's rows", () => {
  it("goes on in a second sheet with the header repeated, every entry once and in order", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const { translator } = await import("~/i18n");
    const { ledgerXlsxStream } = await import("./ledger-export.server");
    const { iterateLedgerEntries } = await import("./ledger.server");
    const filters = { budgetLineId: lineByCode("WP7-AT").id };
    const expected = [...iterateLedgerEntries(auditor, programmeId(), filters)].map((e) => e.id);
    expect(expected.length).toBeGreaterThan(10);
    // 10 rows a sheet: title, blank, header and 7 entries.
    const stream = ledgerXlsxStream(auditor, programmeId(), filters, translator("it"), "Registro – prova", { sheetRows: 10 });
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheets = workbook.worksheets;
    expect(sheets.length).toBe(Math.ceil(expected.length / 7));
    const ids: number[] = [];
    sheets.forEach((sheet, i) => {
      expect(sheet.rowCount).toBeLessThanOrEqual(10);
      expect(sheet.getRow(3).getCell(1).value).toBe("n.");
      if (i > 0) {
        expect(sheet.name).toBe(`${sheets[0].name} (${i + 1})`);
        expect(String(sheet.getRow(1).getCell(1).value)).toContain(`foglio ${i + 1}, dalla registrazione ${i * 7 + 1}`);
      }
      sheet.eachRow((row, n) => {
        if (n > 3) ids.push(Number(row.getCell(1).value));
      });
    });
    expect(ids).toEqual(expected);
  });
});
