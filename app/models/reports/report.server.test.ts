import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoActors, useTestDatabase, validationIssuesOf as issuesOf } from "#db/testing";
import { completeChecklist, createChecklist, getChecklist, reviewChecklist } from "~/models/checklists/checklist.server";
import { getObligations } from "~/models/close/obligations.server";
import { getDb } from "~/models/core/db.server";
import { ConflictError, PermissionError, ValidationError } from "~/models/core/errors.server";
import { getSpendSummary } from "~/models/finance/spend.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { createReport, getExpenseCandidates, getReport, listReports, moveReport, reportedFigures, setReportExpenses } from "./report.server";

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const { manager, finance, auditor } = demoActors;
const CUP = "E39J22001830006";
const CLOUD_CIG = "96228851F0";
const TODAY = "2025-11-14";

beforeAll(async () => {
  database = await useTestDatabase();
  // The cloud procedure's two procedure checklists, completed by finance and verified by the manager.
  for (const templateCode of ["procedure_regularity", "conflict_of_interest"]) {
    const row = createChecklist(finance, programmeId(), { templateCode, subjectKey: CLOUD_CIG });
    const items = getChecklist(finance, row.id).items;
    const done = completeChecklist(finance, { id: row.id, version: row.version, answers: items.map((item) => ({ itemId: item.id, answer: "yes" as const, note: "", documentIds: [] })) });
    reviewChecklist(manager, { id: done.id, version: done.version, outcome: "verified", note: "", flaggedItemIds: [] });
  }
}, 60_000);
afterAll(() => database.cleanup());

const programmeId = () => getCurrentProgramme(auditor).id;
const period = { cup: CUP, periodFrom: "2025-01-01", periodTo: "2025-02-28" };


describe("rendiconto di progetto", () => {
  it("offers the period's payments and says why the ineligible ones are not", () => {
    const candidates = getExpenseCandidates(finance, programmeId(), period);
    expect(candidates.length).toBeGreaterThan(5);
    const eligible = candidates.filter((c) => c.reasons.length === 0);
    expect(eligible.length).toBeGreaterThan(0);
    // The verified cloud procedure, or in-house work (Lepida) with no procedure (CIG) to check.
    expect(eligible.every((c) => (c.cig === CLOUD_CIG || c.cig === null) && c.documents.some((d) => d.role === "invoice"))).toBe(true);
    expect(eligible.some((c) => c.cig === CLOUD_CIG)).toBe(true);
    const unverified = candidates.find((c) => c.cig && c.cig !== CLOUD_CIG && c.documents.some((d) => d.role === "invoice"))!;
    expect(unverified.reasons.map((r) => r.kind)).toEqual(["checklist", "checklist"]);
    const personnel = candidates.find((c) => c.category === "personnel")!;
    expect(personnel.reasons.map((r) => r.kind)).toContain("noInvoice");
    expect(issuesOf(() => getExpenseCandidates(finance, programmeId(), { ...period, cup: "X" }))).toEqual(["cup:report.error.cup"]);
    expect(issuesOf(() => getExpenseCandidates(finance, programmeId(), { ...period, periodFrom: "2025-03-01" }))).toEqual(["periodTo:report.error.period"]);
    // A period reaching beyond the domain's dates (as a far-future typo would) is refused, not stored.
    expect(issuesOf(() => getExpenseCandidates(finance, programmeId(), { ...period, periodTo: "9999-12-31" }))).toEqual(["periodTo:bounds.date"]);
    expect(issuesOf(() => getExpenseCandidates(finance, programmeId(), { ...period, periodFrom: "1999-12-31" }))).toEqual(["periodFrom:bounds.date"]);
  });

  it("builds, submits and answers a report; an expense is never in two reports; a rejection frees them", () => {
    const eligible = getExpenseCandidates(finance, programmeId(), period).filter((c) => c.reasons.length === 0);
    const ineligible = getExpenseCandidates(finance, programmeId(), period).find((c) => c.reasons.length > 0)!;
    expect(() => createReport(auditor, programmeId(), { ...period, note: "", ledgerEntryIds: [eligible[0].id] }, TODAY)).toThrow(PermissionError);
    expect(issuesOf(() => createReport(finance, programmeId(), { ...period, note: "", ledgerEntryIds: [] }, TODAY))).toEqual(["ledgerEntryIds:report.error.none"]);
    expect(issuesOf(() => createReport(finance, programmeId(), { ...period, note: "", ledgerEntryIds: [ineligible.id] }, TODAY))).toEqual(["ledgerEntryIds:report.error.notEligible"]);

    const report = createReport(finance, programmeId(), { ...period, note: "Primo bimestre 2025", ledgerEntryIds: eligible.map((e) => e.id) }, "2025-11-01");
    expect(report).toMatchObject({ number: 1, state: "draft" });
    const detail = getReport(auditor, report.id);
    const total = eligible.reduce((a, e) => a + e.netCents, 0);
    expect(detail.request.totalCents).toBe(total);
    expect(detail.request.byLine.map((l) => l.code)).toContain("WP1-CLOUD");
    expect(detail.request.byLine.reduce((a, l) => a + l.amountCents, 0)).toBe(total);
    expect(detail.request.byCategory.reduce((a, l) => a + l.amountCents, 0)).toBe(total);
    expect(detail.attestation.filter((c) => c.subjectKey === CLOUD_CIG).map((c) => `${c.templateCode}:${c.state}`)).toEqual(["procedure_regularity:verified", "conflict_of_interest:verified"]);

    // The same expense in a second report: refused by the model with a message...
    expect(issuesOf(() => createReport(finance, programmeId(), { ...period, note: "", ledgerEntryIds: [eligible[0].id] }, TODAY))).toEqual(["ledgerEntryIds:report.error.alreadyReported"]);
    // ...and by the database itself, whatever the code above does.
    const client = getDb().$client;
    const other = client.prepare("insert into expense_report (programme_id, number, cup, period_from, period_to, state_date, created_at, updated_at) values (?, 99, ?, '2025-01-01', '2025-02-28', ?, ?, ?) returning id").get(programmeId(), CUP, TODAY, TODAY, TODAY) as { id: number };
    expect(() => client.prepare("insert into expense_report_item (report_id, ledger_entry_id, amount_cents, active, created_at) values (?, ?, 100, 1, ?)").run(other.id, eligible[0].id, TODAY)).toThrow(/UNIQUE constraint failed: expense_report_item.ledger_entry_id/);
    expect(() => client.prepare("delete from expense_report_event").run()).toThrow(/append-only/);

    expect(reportedFigures(getDb(), programmeId(), TODAY, []).reported).toBe(0);
    expect(issuesOf(() => moveReport(finance, { id: report.id, version: report.version, move: "accept", date: TODAY, note: "" }, TODAY))).toEqual(["null:report.error.move"]);
    expect(issuesOf(() => moveReport(finance, { id: report.id, version: report.version, move: "submit", date: "2025-11-20", note: "" }, TODAY))).toEqual(["date:report.error.date"]);
    const submitted = moveReport(finance, { id: report.id, version: report.version, move: "submit", date: "2025-11-10", note: "Presentato su ReGiS" }, TODAY);
    expect(submitted.state).toBe("submitted");
    expect(() => moveReport(finance, { id: report.id, version: report.version, move: "return", date: TODAY, note: "x" }, TODAY)).toThrow(ConflictError);
    // Editing a submitted report is refused, in the model and in the database.
    expect(issuesOf(() => setReportExpenses(finance, { id: report.id, version: submitted.version, ledgerEntryIds: [eligible[0].id] }))).toEqual(["null:report.notEditable"]);
    expect(() => client.prepare("delete from expense_report_item where report_id = ?").run(report.id)).toThrow(/only from a draft or returned/);

    expect(reportedFigures(getDb(), programmeId(), TODAY, []).reported).toBe(total);
    expect(reportedFigures(getDb(), programmeId(), "2025-11-09", []).reported).toBe(0);
    // The attestation is frozen as presented: a checklist reviewed again later does not rewrite it.
    client.prepare("update checklist set state = 'rejected' where template_code = 'conflict_of_interest' and subject_key = ?").run(CLOUD_CIG);
    const frozen = getReport(auditor, report.id);
    expect(frozen.attestationFrozenOn).toBe("2025-11-10");
    expect(frozen.attestation.find((c) => c.templateCode === "conflict_of_interest" && c.subjectKey === CLOUD_CIG)?.state).toBe("verified");
    client.prepare("update checklist set state = 'verified' where template_code = 'conflict_of_interest' and subject_key = ?").run(CLOUD_CIG);
    expect(getSpendSummary(auditor, programmeId(), TODAY).summary.reported).toBe(total);
    expect(getObligations(auditor, TODAY).find((o) => o.key.includes("2025-B1"))?.state).toBe("done");

    // Returned for integration: not reported from that day; editable; re-submitted.
    expect(issuesOf(() => moveReport(manager, { id: report.id, version: submitted.version, move: "return", date: TODAY, note: "" }, TODAY))).toEqual(["note:report.error.noteRequired"]);
    const returned = moveReport(manager, { id: report.id, version: submitted.version, move: "return", date: "2025-11-12", note: "Integrare la quietanza" }, TODAY);
    expect(reportedFigures(getDb(), programmeId(), "2025-11-11", []).reported).toBe(total);
    expect(reportedFigures(getDb(), programmeId(), "2025-11-12", []).reported).toBe(0);
    const edited = setReportExpenses(finance, { id: report.id, version: returned.version, ledgerEntryIds: [eligible[0].id] });
    const resubmitted = moveReport(finance, { id: report.id, version: edited.version, move: "submit", date: TODAY, note: "" }, TODAY);
    expect(reportedFigures(getDb(), programmeId(), TODAY, []).reported).toBe(eligible[0].netCents);

    // Rejected: final, and its expenses can go into a new report.
    moveReport(manager, { id: report.id, version: resubmitted.version, move: "reject", date: TODAY, note: "Spese non ammissibili" }, TODAY);
    expect(reportedFigures(getDb(), programmeId(), TODAY, []).reported).toBe(0);
    expect(() => client.prepare("update expense_report set state = 'draft' where id = ?").run(report.id)).toThrow(/stays rejected/);
    client.prepare("delete from expense_report_item where report_id = ?").run(other.id);
    const again = createReport(finance, programmeId(), { ...period, note: "", ledgerEntryIds: [eligible[0].id] }, TODAY);
    expect(getReport(auditor, again.id).expenses).toHaveLength(1);
    expect(listReports(auditor, programmeId()).map((r) => `${r.number}:${r.state}`)).toEqual(["100:draft", "99:draft", "1:rejected"]);
    expect(getReport(auditor, report.id).events.map((e) => e.toState)).toEqual(["draft", "submitted", "returned", "submitted", "rejected"]);
  });
});
