import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoActors, useTestDatabase, validationIssuesOf as issuesOf } from "#db/testing";
import { getDb } from "~/models/core/db.server";
import { PermissionError, ValidationError } from "~/models/core/errors.server";
import { recordMeasurement } from "~/models/indicators/indicator.server";
import { listBudgetLines } from "~/models/finance/budget-lines.server";
import { runImport } from "~/models/finance/ledger-import.server";
import { createLedgerEntry, reverseLedgerEntry } from "~/models/finance/ledger.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { getSnapshot } from "~/models/snapshots/snapshot.server";
import { recordCompletion } from "~/models/training/completions.server";
import { registerCloseCheck } from "./checks.server";
import { uploadDocument } from "~/models/documents/document.server";
import { tinyPdf } from "~/domain/procurement/tiny-pdf";
import { assertMonthOpen, closeMonth, getPreCheck, latestClosedPeriod } from "./close.server";
import { getObligations, obligationCalendarEvents } from "./obligations.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const { manager, finance, auditor } = demoActors;
const TODAY = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
}, 60_000);
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(auditor).id;

describe("the monthly pre-check", () => {
  it("lists real findings from every built-in check, each with the page that fixes it", () => {
    const { findings } = getPreCheck(auditor, "2025-10", TODAY);
    const checks = new Set(findings.map((f) => f.checkId));
    for (const id of ["indicator-measurement", "eu-due", "payment-documents"]) expect(checks).toContain(id);
    // Every CIG the demo ledger names is in the procurement register.
    expect(checks.has("ledger-cig")).toBe(false);
    const eu = findings.filter((f) => f.checkId === "eu-due").map((f) => f.message.params?.euCode);
    expect(eu).toContain("M6C2-11"); // due 31/12/2025, within six months of 31/10/2025
    for (const f of findings) expect(f.href).toMatch(/^\/(indicators|tasks|milestones|finance|checklists|procurement)\//);
    // After the June 2026 deadline some gate-2 items are still open: the plan check reports them.
    const july = getPreCheck(auditor, "2026-07", "2026-12-01").findings.filter((f) => f.checkId === "plan-overdue");
    expect(july.length).toBeGreaterThan(0);
    expect(july.every((f) => /^\/(tasks|milestones)\/\d+$/.test(f.href))).toBe(true);
  });

  it("drops a finding once it is fixed (a measurement recorded in the month)", () => {
    const before = getPreCheck(auditor, "2025-10", TODAY).findings.filter((f) => f.checkId === "indicator-measurement");
    expect(before.length).toBeGreaterThan(0);
    const indicatorId = Number(before[0].href.split("/").pop());
    recordMeasurement(manager, indicatorId, { date: "2025-10-31", value: 1, source: "Cruscotto regionale FSE", evidenceNote: "" }, TODAY);
    const after = getPreCheck(auditor, "2025-10", TODAY).findings.filter((f) => f.checkId === "indicator-measurement");
    expect(after.map((f) => f.key)).toEqual(before.slice(1).map((f) => f.key));
  });

  it("lists a payment without its invoice until the invoice is attached, and takes more checks", () => {
    const missing = getPreCheck(auditor, "2025-10", TODAY).findings.filter((f) => f.checkId === "payment-documents");
    expect(missing.length).toBeGreaterThan(0);
    const entryId = Number(missing[0].href.split("/").pop());
    uploadDocument(finance, programmeId(), { target: "ledgerEntry", targetId: entryId, role: "invoice", fileName: "fattura.pdf", bytes: tinyPdf(["Fattura di prova"]) });
    const after = getPreCheck(auditor, "2025-10", TODAY).findings.filter((f) => f.checkId === "payment-documents");
    expect(after.map((f) => f.key)).toEqual(missing.slice(1).map((f) => f.key));
    registerCloseCheck({ id: "test-extra", run: (_conn, { period }) => (period === "2024-01" ? [{ key: "test-extra:1", checkId: "test-extra", severity: "info", message: { key: "close.clean" }, href: "/" }] : []) });
    expect(getPreCheck(auditor, "2024-01", TODAY).findings.some((f) => f.key === "test-extra:1")).toBe(true);
  });
});

describe("closing a month", () => {
  it("needs the findings accepted with a reason, snapshots, records and locks the month", () => {
    expect(() => closeMonth(finance, { period: "2025-10", acceptedKeys: [], reason: "" }, TODAY)).toThrow(PermissionError);
    expect(issuesOf(() => closeMonth(manager, { period: "2025-11", acceptedKeys: [], reason: "" }, TODAY))).toEqual(["null:close.error.notEnded"]);
    expect(issuesOf(() => closeMonth(manager, { period: "2025-10", acceptedKeys: [], reason: "" }, TODAY))).toEqual(["reason:close.error.findingsOpen"]);
    const { findings } = getPreCheck(manager, "2025-10", TODAY);
    const keys = findings.map((f) => f.key);
    expect(issuesOf(() => closeMonth(manager, { period: "2025-10", acceptedKeys: keys.slice(1), reason: "x" }, TODAY))).toEqual(["null:close.error.newFindings"]);
    expect(issuesOf(() => closeMonth(manager, { period: "2025-10", acceptedKeys: keys, reason: " " }, TODAY))).toEqual(["reason:close.error.reasonRequired"]);

    const closed = closeMonth(manager, { period: "2025-10", acceptedKeys: keys, reason: "Ritardi noti, recuperati a novembre." }, TODAY);
    expect(closed).toMatchObject({ period: "2025-10", closedByName: "Giulia Ferri", acceptReason: "Ritardi noti, recuperati a novembre." });
    const snapshot = getSnapshot(auditor, closed.snapshotId).summary;
    expect(snapshot).toMatchObject({ kind: "month_end", period: "2025-10", asOf: "2025-10-31", hash: closed.snapshotHash });
    expect(JSON.parse(closed.acceptedFindings).length).toBe(closed.findingCount);
    expect(latestClosedPeriod(getDb(), programmeId())).toBe("2025-10");
    expect(issuesOf(() => closeMonth(manager, { period: "2025-10", acceptedKeys: keys, reason: "x" }, TODAY))).toEqual(["null:close.error.alreadyClosed"]);
    expect(() => getDb().$client.prepare("delete from month_close").run()).toThrow(/immutable/);
    expect(() => getDb().$client.prepare("update month_close set accept_reason = ''").run()).toThrow(/immutable/);
  });

  it("refuses ledger entries, reversals, completions and measurements dated in a closed month", () => {
    const line = listBudgetLines(finance, programmeId()).lines.find((l) => l.code === "WP6-CAMP")!;
    const entry = { budgetLineId: line.id, kind: "commitment" as const, entryDate: "2025-10-15", amountCents: 100_00, supplier: "Prova S.r.l.", cig: null, documentNumber: "LOCK-1", description: "", confirmOverCommitment: true, overrunReason: "prova del blocco" };
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), entry, TODAY))).toEqual(["entryDate:close.error.monthClosed"]);
    expect(issuesOf(() => createLedgerEntry(finance, programmeId(), { ...entry, entryDate: "2024-03-01" }, TODAY))).toEqual(["entryDate:close.error.monthClosed"]);
    const open = createLedgerEntry(finance, programmeId(), { ...entry, entryDate: "2025-11-03" }, TODAY);
    expect(issuesOf(() => reverseLedgerEntry(finance, { entryId: open.id, entryDate: "2025-10-31", reason: "errore" }, TODAY))).toEqual(["entryDate:finance.error.reversalBeforeOriginal"]);
    const old = getDb().$client.prepare("select e.id from ledger_entry e join budget_line l on l.id = e.budget_line_id where e.entry_date < '2025-10-01' and e.reverses_entry_id is null and l.code = 'WP6-CAMP' limit 1").get() as { id: number };
    expect(issuesOf(() => reverseLedgerEntry(finance, { entryId: old.id, entryDate: "2025-10-20", reason: "errore" }, TODAY))).toEqual(["entryDate:close.error.monthClosed"]);
    const wave = getDb().$client.prepare("select id from training_wave where start_date < '2025-10-01' limit 1").get() as { id: number };
    expect(issuesOf(() => recordCompletion(manager, wave.id, { date: "2025-10-10", count: 1, note: "" }, TODAY))).toEqual(["date:close.error.monthClosed"]);
    const indicator = getDb().$client.prepare("select id from indicator limit 1").get() as { id: number };
    expect(issuesOf(() => recordMeasurement(manager, indicator.id, { date: "2025-10-10", value: 1, source: "x", evidenceNote: "" }, TODAY))).toEqual(["date:close.error.monthClosed"]);
    expect(() => assertMonthOpen(getDb(), programmeId(), "2025-11-01")).not.toThrow();
  });

  it("refuses a ledger CSV import with a row dated in a closed month, and writes nothing", async () => {
    const header = "Data;Tipo;Linea;Importo;Fornitore;CIG;Numero documento;Descrizione";
    const rows = ["03/11/2025;impegno;WP6-CAMP;100,00;Prova S.r.l.;;LOCK-CSV-1;aperto", "15/10/2025;impegno;WP6-CAMP;100,00;Prova S.r.l.;;LOCK-CSV-2;chiuso"];
    const count = () => (getDb().$client.prepare("select count(*) n from ledger_entry").get() as { n: number }).n;
    const before = count();
    await expect(runImport(finance, programmeId(), { fileName: "lock.csv", content: Buffer.from([header, ...rows].join("\r\n"), "utf8") }, TODAY)).rejects.toMatchObject({
      issues: [{ message: { key: "close.error.monthClosedImport" } }],
    });
    expect(count()).toBe(before);
  });

  it("marks the month's ReGiS validation done in the obligations calendar and exports it", () => {
    const obligations = getObligations(auditor, TODAY);
    expect(obligations.find((o) => o.key === "regis-2025-10")?.state).toBe("done");
    expect(obligations.find((o) => o.key === "regis-2025-11")?.state).toBe("due");
    expect(obligations.find((o) => o.key === "report-2025-B5")?.state).toBe("due"); // due 20/11, no reports yet
    const events = obligationCalendarEvents(auditor, TODAY);
    expect(events.find((e) => e.uid.includes("regis-2025-10"))).toMatchObject({ date: "2025-11-20", title: "Validazione ReGiS di ottobre 2025" });
  });
});
