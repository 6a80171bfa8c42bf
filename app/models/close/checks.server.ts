import { and, eq, gte, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { budgetLine, indicator, ledgerEntry, milestone, procurementProcedure, task, workPackage } from "#db/schema";
import { daysBetween, formatDate } from "~/domain/core/dates";
import type { Finding } from "~/domain/close/findings";
import { addMonths, monthEnd, monthStart, type Period } from "~/domain/close/period";
import { formatEuro } from "~/domain/core/money";
import { listUnverifiedChecklists } from "~/models/checklists/checklist.server";
import type { Conn } from "~/models/core/db.server";
import { readEvidence } from "~/models/procurement/evidence.server";

/**
 * The monthly pre-check is a list of pluggable checks. Each reads the database for one month and
 * returns findings with a link to where they are fixed. Later features add theirs with
 * `registerCloseCheck`.
 */
export interface CloseCheckContext {
  programmeId: number;
  period: Period;
  monthStart: string;
  monthEnd: string;
  today: string;
}

export interface CloseCheck {
  id: string;
  run: (conn: Conn, context: CloseCheckContext) => Finding[];
}

export function checkContext(programmeId: number, period: Period, today: string): CloseCheckContext {
  return { programmeId, period, monthStart: monthStart(period), monthEnd: monthEnd(period), today };
}

// ---------------------------------------------------------------- procurement and documents

/** CIGs of the programme's procurement register (issue 13). */
function registeredCigs(conn: Conn, programmeId: number): ReadonlySet<string> {
  return new Set(conn.select({ cig: procurementProcedure.cig }).from(procurementProcedure).where(eq(procurementProcedure.programmeId, programmeId)).all().map((row) => row.cig));
}

/** Payments of the month without an invoice among their supporting documents. */
const paymentDocumentsCheck: CloseCheck = {
  id: "payment-documents",
  run(conn, { programmeId, monthStart: from, monthEnd: to }) {
    const rows = conn
      .select({ id: ledgerEntry.id, date: ledgerEntry.entryDate, amount: ledgerEntry.amountCents, supplier: ledgerEntry.supplier, documentNumber: ledgerEntry.documentNumber })
      .from(ledgerEntry)
      .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
      .where(
        and(
          eq(budgetLine.programmeId, programmeId),
          eq(ledgerEntry.kind, "payment"),
          isNull(ledgerEntry.reversesEntryId),
          gte(ledgerEntry.entryDate, from),
          lte(ledgerEntry.entryDate, to),
          sql`not exists (select 1 from document d where d.ledger_entry_id = ${ledgerEntry.id} and d.role = 'invoice')`,
          sql`not exists (select 1 from ledger_entry r where r.reverses_entry_id = ${ledgerEntry.id})`,
        ),
      )
      .orderBy(ledgerEntry.entryDate, ledgerEntry.id)
      .all();
    return rows.map((row) => ({
      key: `payment-documents:${row.id}`,
      checkId: "payment-documents",
      severity: "error" as const,
      message: { key: "close.finding.paymentWithoutInvoice" as const, params: { id: row.id, date: formatDate(row.date), amount: formatEuro(row.amount), supplier: row.supplier, document: row.documentNumber } },
      href: `/finance/ledger/${row.id}`,
    }));
  },
};

/** Procedures that ReGiS would take without award data. */
const procedureAwardCheck: CloseCheck = {
  id: "procedure-award",
  run(conn, { programmeId }) {
    const rows = conn
      .select({ id: procurementProcedure.id, cig: procurementProcedure.cig, subject: procurementProcedure.subject })
      .from(procurementProcedure)
      .where(and(eq(procurementProcedure.programmeId, programmeId), or(isNull(procurementProcedure.awardedCents), isNull(procurementProcedure.awardDate))))
      .orderBy(procurementProcedure.cig)
      .all();
    return rows.map((row) => ({
      key: `procedure-award:${row.id}`,
      checkId: "procedure-award",
      severity: "warning" as const,
      message: { key: "close.finding.procedureWithoutAward" as const, params: { cig: row.cig, subject: row.subject } },
      href: `/procurement/${row.id}`,
    }));
  },
};

/** EU milestones and targets due within six months whose evidence is still missing. */
const euEvidenceCheck: CloseCheck = {
  id: "eu-evidence",
  run(conn, { programmeId, period }) {
    const horizon = monthEnd(addMonths(period, 6));
    return readEvidence(conn, programmeId)
      .filter((m) => m.dueDate <= horizon)
      .flatMap((m) =>
        m.items
          .filter((item) => item.state === "missing")
          .map((item) => ({
            key: `eu-evidence:${m.milestoneId}:${item.key}`,
            checkId: "eu-evidence",
            severity: "warning" as const,
            message: { key: "close.finding.evidenceMissing" as const, params: { euCode: m.euCode, item: item.title, date: formatDate(m.dueDate) } },
            href: `/milestones/${m.milestoneId}`,
          })),
      );
  },
};

const ledgerCigCheck: CloseCheck = {
  id: "ledger-cig",
  run(conn, { programmeId, monthStart: from, monthEnd: to }) {
    const known = registeredCigs(conn, programmeId);
    const rows = conn
      .select({ id: ledgerEntry.id, cig: ledgerEntry.cig, date: ledgerEntry.entryDate, amount: ledgerEntry.amountCents, supplier: ledgerEntry.supplier })
      .from(ledgerEntry)
      .innerJoin(budgetLine, eq(budgetLine.id, ledgerEntry.budgetLineId))
      .where(and(eq(budgetLine.programmeId, programmeId), isNotNull(ledgerEntry.cig), gte(ledgerEntry.entryDate, from), lte(ledgerEntry.entryDate, to)))
      .all();
    return rows
      .filter((row) => !known.has(row.cig!))
      .map((row) => ({
        key: `ledger-cig:${row.id}`,
        checkId: "ledger-cig",
        severity: "error" as const,
        message: { key: "close.finding.cigUnregistered" as const, params: { cig: row.cig!, id: row.id, date: formatDate(row.date), amount: formatEuro(row.amount), supplier: row.supplier } },
        href: `/finance/ledger/${row.id}`,
      }));
  },
};

// ---------------------------------------------------------------- built-in checks

const indicatorMeasurementCheck: CloseCheck = {
  id: "indicator-measurement",
  run(conn, { programmeId, monthStart: from, monthEnd: to }) {
    const rows = conn
      .select({ id: indicator.id, code: indicator.code, name: indicator.name })
      .from(indicator)
      .where(
        and(
          eq(indicator.programmeId, programmeId),
          lte(indicator.baselineDate, to),
          gte(indicator.dueDate, from),
          sql`not exists (select 1 from indicator_measurement m where m.indicator_id = "indicator"."id" and m.date between ${from} and ${to})`,
        ),
      )
      .orderBy(indicator.code)
      .all();
    return rows.map((row) => ({
      key: `indicator-measurement:${row.id}`,
      checkId: "indicator-measurement",
      severity: "warning" as const,
      message: { key: "close.finding.indicatorNoMeasurement" as const, params: { code: row.code, name: row.name } },
      href: `/indicators/${row.id}`,
    }));
  },
};

const planOverdueCheck: CloseCheck = {
  id: "plan-overdue",
  run(conn, { programmeId, monthEnd: to }) {
    const tasks = conn
      .select({ id: task.id, code: task.code, title: task.title, endDate: task.endDate, progress: task.progress })
      .from(task)
      .innerJoin(workPackage, eq(workPackage.id, task.workPackageId))
      .where(and(eq(workPackage.programmeId, programmeId), lte(task.endDate, to), sql`${task.progress} < 100`))
      .orderBy(task.endDate, task.code)
      .all();
    const milestones = conn
      .select({ id: milestone.id, code: milestone.code, title: milestone.title, dueDate: milestone.dueDate })
      .from(milestone)
      .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
      .where(and(eq(workPackage.programmeId, programmeId), lte(milestone.dueDate, to), or(isNull(milestone.achievedDate), sql`${milestone.achievedDate} > ${to}`)))
      .orderBy(milestone.dueDate, milestone.code)
      .all();
    return [
      ...tasks.map((row) => ({
        key: `plan-overdue:t${row.id}`,
        checkId: "plan-overdue",
        severity: (row.progress === 0 ? "error" : "warning") as Finding["severity"],
        message: { key: "close.finding.taskOverdue" as const, params: { code: row.code, title: row.title, date: formatDate(row.endDate), progress: row.progress } },
        href: `/tasks/${row.id}`,
      })),
      ...milestones.map((row) => ({
        key: `plan-overdue:m${row.id}`,
        checkId: "plan-overdue",
        severity: "error" as const,
        message: { key: "close.finding.milestoneOverdue" as const, params: { code: row.code, title: row.title, date: formatDate(row.dueDate) } },
        href: `/milestones/${row.id}`,
      })),
    ];
  },
};

/** EU milestones and targets not yet achieved and due within six months of the month's end. */
const euDueCheck: CloseCheck = {
  id: "eu-due",
  run(conn, { programmeId, period, monthEnd: to }) {
    const horizon = monthEnd(addMonths(period, 6));
    const rows = conn
      .select({ id: milestone.id, code: milestone.code, euCode: milestone.euCode, title: milestone.title, dueDate: milestone.dueDate })
      .from(milestone)
      .innerJoin(workPackage, eq(workPackage.id, milestone.workPackageId))
      .where(
        and(
          eq(workPackage.programmeId, programmeId),
          isNotNull(milestone.euCode),
          sql`${milestone.dueDate} > ${to}`,
          lte(milestone.dueDate, horizon),
          or(isNull(milestone.achievedDate), sql`${milestone.achievedDate} > ${to}`),
        ),
      )
      .orderBy(milestone.dueDate)
      .all();
    return rows.map((row) => ({
      key: `eu-due:${row.id}`,
      checkId: "eu-due",
      severity: "warning" as const,
      message: { key: "close.finding.euDue" as const, params: { euCode: row.euCode!, title: row.title, date: formatDate(row.dueDate), days: daysBetween(to, row.dueDate) } },
      href: `/milestones/${row.id}`,
    }));
  },
};

const checklistCheck: CloseCheck = {
  id: "checklist-unverified",
  run(conn, { programmeId }) {
    return listUnverifiedChecklists(conn, programmeId).map((row) => ({
      key: `checklist-unverified:${row.id}`,
      checkId: "checklist-unverified",
      severity: (row.state === "rejected" ? "error" : "warning") as Finding["severity"],
      message: { key: `close.finding.checklist.${row.state as "draft" | "completed" | "rejected"}` as const, params: { title: row.title, subject: row.subjectKey } },
      href: `/checklists/${row.id}`,
    }));
  },
};

const registry: CloseCheck[] = [ledgerCigCheck, paymentDocumentsCheck, procedureAwardCheck, indicatorMeasurementCheck, planOverdueCheck, euDueCheck, euEvidenceCheck, checklistCheck];

/** Adds (or replaces, by id) a check: the hook later features use. */
export function registerCloseCheck(check: CloseCheck) {
  const at = registry.findIndex((c) => c.id === check.id);
  if (at >= 0) registry[at] = check;
  else registry.push(check);
}

export function closeChecks(): readonly CloseCheck[] {
  return registry;
}
