import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { budgetLine, checklist, checklistTemplate, expenseReport, expenseReportEvent, expenseReportItem, ledgerEntry, supplier } from "#db/schema";
import { dateProblem } from "~/domain/core/bounds";
import { formatDate, isIsoDate } from "~/domain/core/dates";
import type { ChecklistSubjectType } from "~/domain/checklists/values";
import {
  bimestersOf,
  countsAsReported,
  isReportState,
  reimbursementRequest,
  reportEditable,
  reportMoves,
  reportedAsOf,
  type IneligibleReason,
  type ReportEventPoint,
  type ReportMove,
  type ReportState,
} from "~/domain/reports/states";
import { translate, type Message } from "~/i18n";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { command, entity, loadVersioned, type AuditAppender } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { assertMonthOpen } from "~/models/close/lock.server";
import { listDocumentsOf, type DocumentView } from "~/models/documents/document.server";

/**
 * Rendiconto di progetto (issue 14): a CUP's paid expenses for a period, with their documents and
 * the attestation of the checks made. Eligibility follows the monthly close's rules: a payment
 * (net of reversals) with its invoice among the supporting documents, the procedure's checklists
 * (by CIG) verified, not in another report that was not rejected. The database enforces the last
 * rule on its own (migration expense_reports_never_twice).
 */

export type ExpenseReport = typeof expenseReport.$inferSelect;
const reportEntity = entity("expense_report", expenseReport, (row) => `Rendiconto n. ${row.number} – CUP ${row.cup}`);

const NOTE_MAX = 2000;

// ---------------------------------------------------------------- reads

/** The CUPs of the programme's budget lines: what a report can be for. */
export function reportCups(conn: Conn, programmeId: number): string[] {
  return conn
    .selectDistinct({ cup: budgetLine.cup })
    .from(budgetLine)
    .where(eq(budgetLine.programmeId, programmeId))
    .orderBy(asc(budgetLine.cup))
    .all()
    .map((row) => row.cup);
}

function reportTotals(conn: Conn, reportIds: number[]) {
  if (!reportIds.length) return new Map<number, { count: number; total: number }>();
  const rows = conn
    .select({ reportId: expenseReportItem.reportId, count: sql<number>`count(*)`, total: sql<number>`coalesce(sum(${expenseReportItem.amountCents}), 0)` })
    .from(expenseReportItem)
    .where(inArray(expenseReportItem.reportId, reportIds))
    .groupBy(expenseReportItem.reportId)
    .all();
  return new Map(rows.map((row) => [row.reportId, { count: row.count, total: row.total }]));
}

export function listReports(actor: Actor, programmeId: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const rows = db.select().from(expenseReport).where(eq(expenseReport.programmeId, programmeId)).orderBy(desc(expenseReport.number)).all();
  const totals = reportTotals(db, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, count: totals.get(row.id)?.count ?? 0, totalCents: totals.get(row.id)?.total ?? 0 }));
}

/** Templates about procedures (CIG): every one must be verified for a payment on that CIG. */
function procedureTemplates(conn: Conn) {
  return conn
    .select({ code: checklistTemplate.code, title: checklistTemplate.title, titleEn: checklistTemplate.titleEn })
    .from(checklistTemplate)
    .where(and(eq(checklistTemplate.subjectType, "procedure"), sql`${checklistTemplate.version} = (select max(t.version) from checklist_template t where t.code = ${checklistTemplate.code})`))
    .orderBy(asc(checklistTemplate.id))
    .all();
}

export interface ExpenseCandidate {
  id: number;
  entryDate: string;
  supplier: string;
  cig: string | null;
  documentNumber: string;
  description: string;
  amountCents: number;
  netCents: number;
  lineId: number;
  lineCode: string;
  lineTitle: string;
  category: string;
  cup: string;
  documents: { id: number; name: string; role: string; sha256: string; sizeBytes: number; kind: string }[];
  reasons: IneligibleReason[];
  /** In the report being edited (if any). */
  inThisReport: boolean;
}

/** Payments (not reversals) with their net amount after reversals, their budget line and documents. */
function paymentsWhere(conn: Conn, programmeId: number, where: ReturnType<typeof and>) {
  return conn
    .select({
      id: ledgerEntry.id,
      entryDate: ledgerEntry.entryDate,
      supplier: ledgerEntry.supplier,
      cig: ledgerEntry.cig,
      documentNumber: ledgerEntry.documentNumber,
      description: ledgerEntry.description,
      amountCents: ledgerEntry.amountCents,
      netCents: sql<number>`${ledgerEntry.amountCents} + coalesce((select sum(r.amount_cents) from ledger_entry r where r.reverses_entry_id = ${ledgerEntry.id}), 0)`,
      lineId: budgetLine.id,
      lineCode: budgetLine.code,
      lineTitle: budgetLine.title,
      category: budgetLine.category,
      cup: budgetLine.cup,
    })
    .from(ledgerEntry)
    .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
    .where(and(eq(budgetLine.programmeId, programmeId), eq(ledgerEntry.kind, "payment"), isNull(ledgerEntry.reversesEntryId), where))
    .orderBy(asc(ledgerEntry.entryDate), asc(ledgerEntry.id))
    .all();
}

/** Adds documents and the reasons an expense is not eligible (for `reportId`, when editing one). */
function assess(conn: Conn, programmeId: number, payments: ReturnType<typeof paymentsWhere>, reportId: number | null): ExpenseCandidate[] {
  const ids = payments.map((p) => p.id);
  const documents = new Map<number, DocumentView[]>();
  for (const doc of listDocumentsOf(conn, "ledgerEntry", ids)) {
    const list = documents.get(doc.ledgerEntryId!) ?? [];
    list.push(doc);
    documents.set(doc.ledgerEntryId!, list);
  }
  const templates = procedureTemplates(conn);
  const cigs = [...new Set(payments.map((p) => p.cig).filter((c): c is string => !!c))];
  const checklistState = new Map<string, string>();
  if (cigs.length)
    for (const row of conn
      .select({ code: checklist.templateCode, key: checklist.subjectKey, state: checklist.state })
      .from(checklist)
      .where(and(eq(checklist.programmeId, programmeId), eq(checklist.subjectType, "procedure"), inArray(checklist.subjectKey, cigs)))
      .all())
      checklistState.set(`${row.code}|${row.key}`, row.state);
  const active = new Map<number, { reportId: number; number: number; state: ReportState }>();
  if (ids.length)
    for (const row of conn
      .select({ ledgerEntryId: expenseReportItem.ledgerEntryId, reportId: expenseReport.id, number: expenseReport.number, state: expenseReport.state })
      .from(expenseReportItem)
      .innerJoin(expenseReport, eq(expenseReport.id, expenseReportItem.reportId))
      .where(and(eq(expenseReportItem.active, true), inArray(expenseReportItem.ledgerEntryId, ids)))
      .all())
      active.set(row.ledgerEntryId, { reportId: row.reportId, number: row.number, state: row.state });
  return payments.map((p) => {
    const docs = (documents.get(p.id) ?? []).map((d) => ({ id: d.id, name: d.name, role: d.role, sha256: d.sha256, sizeBytes: d.sizeBytes, kind: d.kind }));
    const reasons: IneligibleReason[] = [];
    if (p.netCents <= 0) reasons.push({ kind: "reversed" });
    if (!docs.some((d) => d.role === "invoice")) reasons.push({ kind: "noInvoice" });
    if (p.cig)
      for (const template of templates) {
        const state = checklistState.get(`${template.code}|${p.cig}`) ?? null;
        if (state !== "verified") reasons.push({ kind: "checklist", templateCode: template.code, state });
      }
    const holder = active.get(p.id);
    if (holder && holder.reportId !== reportId) reasons.push({ kind: "inReport", reportId: holder.reportId, reportNumber: holder.number, state: holder.state });
    return { ...p, documents: docs, reasons, inThisReport: holder?.reportId === reportId && reportId !== null };
  });
}

export interface CandidateQuery {
  cup: string;
  periodFrom: string;
  periodTo: string;
}

function checkQuery(conn: Conn, programmeId: number, query: CandidateQuery) {
  const issues = [];
  if (!reportCups(conn, programmeId).includes(query.cup)) issues.push({ field: "cup", message: { key: "report.error.cup" as const } });
  // A date outside the domain's bounds (01/01/2000–31/12/2100) is refused like everywhere else: a
  // period to 9999 would otherwise be stored and walked bimester by bimester on every view.
  const outOfBounds = (["periodFrom", "periodTo"] as const).filter((field) => isIsoDate(query[field]) && dateProblem(query[field]) === "bounds.date");
  for (const field of outOfBounds) issues.push({ field, message: { key: "bounds.date" as const } });
  if (!outOfBounds.length && (!isIsoDate(query.periodFrom) || !isIsoDate(query.periodTo) || query.periodFrom > query.periodTo))
    issues.push({ field: isIsoDate(query.periodFrom) ? "periodTo" : "periodFrom", message: { key: "report.error.period" as const } });
  ValidationError.throwIf(issues);
}

/** Every payment of a CUP in a period, eligible ones first in meaning (no reasons), with why the others are not. */
export function getExpenseCandidates(actor: Actor, programmeId: number, query: CandidateQuery, reportId: number | null = null) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  checkQuery(db, programmeId, query);
  const inPeriod = paymentsWhere(db, programmeId, and(eq(budgetLine.cup, query.cup), gte(ledgerEntry.entryDate, query.periodFrom), lte(ledgerEntry.entryDate, query.periodTo)));
  return assess(db, programmeId, inPeriod, reportId);
}

/** A reason in the reader's words (UI, PDF). */
export function reasonText(reason: IneligibleReason, locale: "it" | "en" = "it", templateTitles: Record<string, string> = {}): string {
  const t = (key: Message["key"], params?: Message["params"]) => translate(locale, key, params);
  switch (reason.kind) {
    case "reversed":
      return t("report.reason.reversed");
    case "noInvoice":
      return t("report.reason.noInvoice");
    case "outsidePeriod":
      return t("report.reason.outsidePeriod");
    case "inReport":
      return t("report.reason.inReport", { number: reason.reportNumber, state: t(`report.state.${reason.state}`) });
    case "checklist":
      return t("report.reason.checklist", {
        template: templateTitles[reason.templateCode] ?? reason.templateCode,
        state: reason.state ? t(`checklist.state.${reason.state}` as Message["key"]) : t("report.reason.checklistMissing"),
      });
  }
}

function templateTitles(conn: Conn, locale: "it" | "en" = "it") {
  return Object.fromEntries(procedureTemplates(conn).map((t) => [t.code, locale === "en" ? t.titleEn : t.title]));
}

export function candidateTemplateTitles(actor: Actor, locale: "it" | "en") {
  requirePermission(actor, "read:programme");
  return templateTitles(getDb(), locale);
}

/** One report with its expenses, documents, reimbursement request, attestation and history. */
export function getReport(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const db = getDb();
  const report = db.select().from(expenseReport).where(eq(expenseReport.id, id)).get();
  if (!report) throw new NotFoundError("expense_report", id);
  return reportDetail(db, report);
}

export function reportDetail(conn: Conn, report: ExpenseReport) {
  const items = conn.select().from(expenseReportItem).where(eq(expenseReportItem.reportId, report.id)).orderBy(asc(expenseReportItem.id)).all();
  const ids = items.map((i) => i.ledgerEntryId);
  const payments = ids.length ? paymentsWhere(conn, report.programmeId, and(inArray(ledgerEntry.id, ids))) : [];
  const assessed = new Map(assess(conn, report.programmeId, payments, report.id).map((p) => [p.id, p]));
  const expenses = items
    .map((item) => {
      const payment = assessed.get(item.ledgerEntryId)!;
      return { ...payment, amountCents: item.amountCents, paymentAmountCents: payment.amountCents, active: item.active };
    })
    .sort((a, b) => (a.entryDate === b.entryDate ? a.id - b.id : a.entryDate.localeCompare(b.entryDate)));
  const request = reimbursementRequest(expenses.map((e) => ({ amountCents: e.amountCents, lineCode: e.lineCode, lineTitle: e.lineTitle, category: e.category })));
  const events = conn.select().from(expenseReportEvent).where(eq(expenseReportEvent.reportId, report.id)).orderBy(asc(expenseReportEvent.date), asc(expenseReportEvent.id)).all();
  // Once presented, the attestation is the one frozen at the last submission: a checklist reviewed
  // again later does not rewrite what the report attested.
  const submission = reportEditable(report.state) ? undefined : events.filter((e) => e.toState === "submitted" && e.attestation).at(-1);
  const attestation = submission ? (JSON.parse(submission.attestation!) as Attestation) : attestationOf(conn, report, expenses);
  return {
    report,
    expenses,
    request,
    attestation,
    attestationFrozenOn: submission?.date ?? null,
    events: events.map(({ attestation: _frozen, ...event }) => event),
    bimesters: bimestersOf(report.periodFrom, report.periodTo),
  };
}

/**
 * The checks made: every checklist about the report's procedures (CIG), suppliers (by the
 * register's tax code) and project (CUP), with its state, who completed and who verified it.
 */
function attestationOf(conn: Conn, report: ExpenseReport, expenses: { cig: string | null; supplier: string }[]) {
  const subjects: { type: ChecklistSubjectType; key: string }[] = [{ type: "cup", key: report.cup }];
  for (const cig of new Set(expenses.map((e) => e.cig).filter((c): c is string => !!c))) subjects.push({ type: "procedure", key: cig });
  const names = [...new Set(expenses.map((e) => e.supplier))];
  if (names.length)
    for (const row of conn.select({ taxCode: supplier.taxCode }).from(supplier).where(inArray(supplier.name, names)).all())
      subjects.push({ type: "supplier", key: row.taxCode });
  const rows = conn
    .select({
      id: checklist.id,
      templateCode: checklist.templateCode,
      title: checklistTemplate.title,
      titleEn: checklistTemplate.titleEn,
      reference: checklistTemplate.reference,
      templateVersion: checklistTemplate.version,
      subjectType: checklist.subjectType,
      subjectKey: checklist.subjectKey,
      subjectLabel: checklist.subjectLabel,
      state: checklist.state,
      round: checklist.round,
      completedByName: checklist.completedByName,
      completedAt: checklist.completedAt,
      reviewedByName: checklist.reviewedByName,
      reviewedAt: checklist.reviewedAt,
      reviewNote: checklist.reviewNote,
    })
    .from(checklist)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklist.templateId))
    .where(eq(checklist.programmeId, report.programmeId))
    .orderBy(asc(checklist.subjectType), asc(checklist.subjectKey), asc(checklist.id))
    .all();
  const wanted = new Set(subjects.map((s) => `${s.type}|${s.key}`));
  return rows.filter((row) => wanted.has(`${row.subjectType}|${row.subjectKey}`));
}

export type Attestation = ReturnType<typeof attestationOf>;
export type ReportDetail = ReturnType<typeof reportDetail>;

// ---------------------------------------------------------------- writes

function nextNumber(conn: Conn, programmeId: number) {
  const row = conn.select({ max: sql<number | null>`max(${expenseReport.number})` }).from(expenseReport).where(eq(expenseReport.programmeId, programmeId)).get();
  return (row?.max ?? 0) + 1;
}

function checkNote(note: string, field = "note") {
  if (note.length > NOTE_MAX) throw ValidationError.field(field, "report.error.noteTooLong", { max: NOTE_MAX });
}

/**
 * Puts `ledgerEntryIds` into `report` (replacing its expenses): each must be a payment of the
 * report's CUP and period and eligible. A forged request for an expense already in another report
 * is refused here with a message; the unique index refuses it anyway if two writers race.
 */
function writeItems(tx: Conn, actor: Actor, report: ExpenseReport, ledgerEntryIds: number[], audit: AuditAppender) {
  const wanted = [...new Set(ledgerEntryIds)];
  if (!wanted.length) throw ValidationError.field("ledgerEntryIds", "report.error.none");
  const payments = paymentsWhere(tx, report.programmeId, and(inArray(ledgerEntry.id, wanted)));
  const found = new Map(assess(tx, report.programmeId, payments, report.id).map((p) => [p.id, p]));
  const titles = templateTitles(tx);
  const issues = [];
  for (const id of wanted) {
    const candidate = found.get(id);
    const reasons: IneligibleReason[] = !candidate || candidate.cup !== report.cup || candidate.entryDate < report.periodFrom || candidate.entryDate > report.periodTo ? [{ kind: "outsidePeriod" }] : candidate.reasons;
    if (reasons.length)
      issues.push({
        field: "ledgerEntryIds",
        message: {
          key: reasons[0].kind === "inReport" ? ("report.error.alreadyReported" as const) : ("report.error.notEligible" as const),
          params: { id, document: candidate?.documentNumber ?? "—", reason: reasons.map((r) => reasonText(r, "it", titles)).join("; ") },
        },
      });
  }
  ValidationError.throwIf(issues);
  const before = tx.select().from(expenseReportItem).where(eq(expenseReportItem.reportId, report.id)).all();
  const keep = new Set(wanted);
  const removed = before.filter((item) => !keep.has(item.ledgerEntryId));
  if (removed.length) tx.delete(expenseReportItem).where(inArray(expenseReportItem.id, removed.map((i) => i.id))).run();
  const existing = new Set(before.map((i) => i.ledgerEntryId));
  const added = wanted.filter((id) => !existing.has(id));
  const now = nowIso();
  try {
    for (const id of added)
      tx.insert(expenseReportItem)
        .values({ reportId: report.id, ledgerEntryId: id, amountCents: found.get(id)!.netCents, active: true, createdAt: now, createdById: actor.id || null })
        .run();
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: expense_report_item\.ledger_entry_id/.test(error.message))
      throw ValidationError.field("ledgerEntryIds", "report.error.alreadyReported", { id: added.join(", ") });
    throw error;
  }
  if (added.length || removed.length)
    audit({
      action: "update",
      entityType: "expense_report",
      entityId: report.id,
      entityLabel: reportEntity.label(report),
      before: { ledgerEntryIds: before.map((i) => i.ledgerEntryId) },
      after: { ledgerEntryIds: wanted, added, removed: removed.map((i) => i.ledgerEntryId) },
    });
  return totalOf(tx, report.id);
}

function totalOf(conn: Conn, reportId: number) {
  const rows = conn.select({ ledgerEntryId: expenseReportItem.ledgerEntryId, amountCents: expenseReportItem.amountCents }).from(expenseReportItem).where(eq(expenseReportItem.reportId, reportId)).all();
  return { totalCents: rows.reduce((a, r) => a + r.amountCents, 0), ledgerEntryIds: rows.map((r) => r.ledgerEntryId).sort((a, b) => a - b) };
}

function addEvent(tx: Conn, actor: Actor, report: ExpenseReport, fromState: ReportState | null, toState: ReportState, date: string, note: string) {
  const { totalCents, ledgerEntryIds } = totalOf(tx, report.id);
  let attestation: string | null = null;
  if (toState === "submitted") {
    const expenses = ledgerEntryIds.length ? paymentsWhere(tx, report.programmeId, and(inArray(ledgerEntry.id, ledgerEntryIds))) : [];
    attestation = JSON.stringify(attestationOf(tx, report, expenses));
  }
  tx.insert(expenseReportEvent)
    .values({ reportId: report.id, fromState, toState, date, note, totalCents, ledgerEntryIds: JSON.stringify(ledgerEntryIds), attestation, at: nowIso(), byId: actor.id || null, byName: actor.name })
    .run();
}

export interface CreateReportInput extends CandidateQuery {
  note: string;
  ledgerEntryIds: number[];
}

/** A new draft report with its selected expenses; `today` is the creation's date. */
export function createReport(actor: Actor, programmeId: number, input: CreateReportInput, today: string) {
  return command(actor, "update:report", (tx, audit) => {
    checkQuery(tx, programmeId, input);
    const note = input.note.trim();
    checkNote(note);
    const now = nowIso();
    const report = tx
      .insert(expenseReport)
      .values({ programmeId, number: nextNumber(tx, programmeId), cup: input.cup, periodFrom: input.periodFrom, periodTo: input.periodTo, note, state: "draft", stateDate: today, createdById: actor.id || null, createdAt: now, updatedAt: now, updatedById: actor.id || null })
      .returning()
      .get();
    audit({ action: "create", entityType: "expense_report", entityId: report.id, entityLabel: reportEntity.label(report), after: { number: report.number, cup: report.cup, periodFrom: report.periodFrom, periodTo: report.periodTo, state: "draft", note } });
    writeItems(tx, actor, report, input.ledgerEntryIds, audit);
    addEvent(tx, actor, report, null, "draft", today, note);
    return report;
  });
}

/** Replaces a draft's (or a returned report's) expenses; anything else is refused with a message. */
export function setReportExpenses(actor: Actor, input: { id: number; version: number; ledgerEntryIds: number[]; note?: string }) {
  return command(actor, "update:report", (tx, audit) => {
    const report = loadVersioned(tx, reportEntity, input.id, input.version);
    if (!reportEditable(report.state)) throw ValidationError.field(null, "report.notEditable", { state: translate("it", `report.state.${report.state}`).toLowerCase() });
    writeItems(tx, actor, report, input.ledgerEntryIds, audit);
    const note = input.note === undefined ? report.note : input.note.trim();
    checkNote(note);
    if (note !== report.note) audit({ action: "update", entityType: "expense_report", entityId: report.id, entityLabel: reportEntity.label(report), before: { note: report.note }, after: { note } });
    // The version moves on even when only the expenses changed, so a stale form is a conflict.
    return tx
      .update(expenseReport)
      .set({ note, version: report.version + 1, updatedAt: nowIso(), updatedById: actor.id || null })
      .where(and(eq(expenseReport.id, report.id), eq(expenseReport.version, report.version)))
      .returning()
      .get();
  });
}

/**
 * A state change, dated when it happened (not in the future, not before the last one, not in a
 * closed month), noted (a return or rejection needs the ministry's reason) and audited.
 * Submitting re-checks every expense: one that lost its invoice or checklist since is refused.
 */
export function moveReport(actor: Actor, input: { id: number; version: number; move: ReportMove; date: string; note: string }, today: string) {
  const rule = reportMoves[input.move];
  return command(actor, rule.permission, (tx, audit) => {
    const report = loadVersioned(tx, reportEntity, input.id, input.version);
    if (!rule.from.includes(report.state))
      throw ValidationError.field(null, "report.error.move", { state: translate("it", `report.state.${report.state}`).toLowerCase(), move: translate("it", `report.move.${input.move}`) });
    const note = input.note.trim();
    checkNote(note);
    if (rule.noteRequired && !note) throw ValidationError.field("note", "report.error.noteRequired");
    const last = tx.select({ date: expenseReportEvent.date }).from(expenseReportEvent).where(eq(expenseReportEvent.reportId, report.id)).orderBy(desc(expenseReportEvent.date)).limit(1).get();
    if (!isIsoDate(input.date) || input.date > today || (last && input.date < last.date)) throw ValidationError.field("date", "report.error.date", { last: formatDate(last?.date ?? null) || "—" });
    assertMonthOpen(tx, report.programmeId, input.date, "date");
    if (input.move === "submit") {
      const ids = totalOf(tx, report.id).ledgerEntryIds;
      writeItems(tx, actor, report, ids, () => {});
    }
    const updated = tx
      .update(expenseReport)
      .set({ state: rule.to, stateDate: input.date, version: report.version + 1, updatedAt: nowIso(), updatedById: actor.id || null })
      .where(and(eq(expenseReport.id, report.id), eq(expenseReport.version, report.version)))
      .returning()
      .get();
    addEvent(tx, actor, updated, report.state, rule.to, input.date, note);
    audit({ action: "update", entityType: "expense_report", entityId: report.id, entityLabel: reportEntity.label(report), before: { state: report.state, stateDate: report.stateDate }, after: { state: rule.to, stateDate: input.date, note } });
    return updated;
  });
}

// ---------------------------------------------------------------- as of a date (finance, obligations)

function eventPoints(conn: Conn, programmeId: number) {
  const rows = conn
    .select({ reportId: expenseReportEvent.reportId, id: expenseReportEvent.id, date: expenseReportEvent.date, toState: expenseReportEvent.toState, totalCents: expenseReportEvent.totalCents })
    .from(expenseReportEvent)
    .innerJoin(expenseReport, eq(expenseReport.id, expenseReportEvent.reportId))
    .where(eq(expenseReport.programmeId, programmeId))
    .all();
  const byReport = new Map<number, ReportEventPoint[]>();
  for (const row of rows) {
    if (!isReportState(row.toState)) continue;
    const list = byReport.get(row.reportId) ?? [];
    list.push(row);
    byReport.set(row.reportId, list);
  }
  return [...byReport.values()];
}

/**
 * "Rendicontato" as of `asOf`, and at the end of each month (for the S-curve): the expenses in
 * reports whose state on that day is submitted or accepted, at their last submission's total.
 */
export function reportedFigures(conn: Conn, programmeId: number, asOf: string, months: readonly string[]) {
  const histories = eventPoints(conn, programmeId);
  const at = (date: string) => histories.reduce((sum, events) => sum + reportedAsOf(events, date), 0);
  const byMonth = months.map((month) => {
    if (month > asOf.slice(0, 7)) return null;
    const end = `${month}-31`;
    return at(end < asOf ? end : asOf);
  });
  return { reported: at(asOf), cumReportedByMonth: byMonth };
}

/** Bimesters covered by a report that has been submitted at least once and is not rejected (obligations calendar). */
export function reportedBimesters(conn: Conn, programmeId: number): Set<string> {
  const rows = conn
    .select({ periodFrom: expenseReport.periodFrom, periodTo: expenseReport.periodTo })
    .from(expenseReport)
    .where(and(eq(expenseReport.programmeId, programmeId), inArray(expenseReport.state, ["submitted", "accepted", "returned"])))
    .all();
  return new Set(rows.flatMap((row) => bimestersOf(row.periodFrom, row.periodTo)));
}

export { countsAsReported };

/** Candidates as the picker shows them: reasons in the reader's words, eligible ones ticked unless `checked` says otherwise. */
export function pickerRowsOf(candidates: ExpenseCandidate[], locale: "it" | "en", checked: (candidate: ExpenseCandidate) => boolean = () => true) {
  const titles = templateTitles(getDb(), locale);
  return candidates.map((c) => ({
    id: c.id,
    entryDate: c.entryDate,
    supplier: c.supplier,
    cig: c.cig,
    documentNumber: c.documentNumber,
    lineCode: c.lineCode,
    netCents: c.netCents,
    documents: c.documents.map((d) => ({ id: d.id, name: d.name, role: d.role })),
    reasonTexts: c.reasons.map((r) => reasonText(r, locale, titles)),
    checked: checked(c),
  }));
}
