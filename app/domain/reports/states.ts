/**
 * The rendiconto di progetto's life (RGS circular 30/2022, §5.3.2): built as a draft, submitted
 * with its attestation of the checks made, then the ministry's answer: accepted, returned for
 * integration (editable again, then re-submitted) or rejected (final; its expenses are freed).
 * Pure: no I/O, shared by schema, models and UI.
 */
import { bimesterKey } from "~/domain/close/obligations";
import { addMonths, periodOf, type Period } from "~/domain/close/period";
import { compareCodes } from "~/domain/core/intl-cache";

export const reportStates = ["draft", "submitted", "accepted", "returned", "rejected"] as const;
export type ReportState = (typeof reportStates)[number];

export function isReportState(value: string): value is ReportState {
  return (reportStates as readonly string[]).includes(value);
}

/** Who may make each move: building and submitting is finance's; the answer is recorded by finance or the manager. */
export type ReportMove = "submit" | "accept" | "return" | "reject";
export const reportMoves: Record<ReportMove, { from: readonly ReportState[]; to: ReportState; permission: "update:report" | "record:report-outcome"; noteRequired: boolean }> = {
  submit: { from: ["draft", "returned"], to: "submitted", permission: "update:report", noteRequired: false },
  accept: { from: ["submitted"], to: "accepted", permission: "record:report-outcome", noteRequired: false },
  return: { from: ["submitted"], to: "returned", permission: "record:report-outcome", noteRequired: true },
  reject: { from: ["submitted"], to: "rejected", permission: "record:report-outcome", noteRequired: true },
};

export function isReportMove(value: string): value is ReportMove {
  return value in reportMoves;
}

/** Only a draft or a report returned for integration can have its expenses changed. */
export function reportEditable(state: ReportState): boolean {
  return state === "draft" || state === "returned";
}

/** Submitted and accepted reports count as "rendicontato"; drafts, returned and rejected ones do not. */
export function countsAsReported(state: ReportState): boolean {
  return state === "submitted" || state === "accepted";
}

export interface ReportEventPoint {
  /** The date the change took effect (ISO), and its order among same-day changes. */
  date: string;
  id: number;
  toState: ReportState;
  /** The report's total when the change was recorded. */
  totalCents: number;
}

/** The report's state as of a date (null: it did not exist yet), from its dated history. */
export function stateAsOf(events: readonly ReportEventPoint[], asOf: string): ReportEventPoint | null {
  let last: ReportEventPoint | null = null;
  for (const event of events) {
    if (event.date > asOf) continue;
    if (!last || event.date > last.date || (event.date === last.date && event.id > last.id)) last = event;
  }
  return last;
}

/**
 * What a report had reported as of a date: the total of its last submission on or before it, if
 * its state on that day counts as reported; 0 otherwise.
 */
export function reportedAsOf(events: readonly ReportEventPoint[], asOf: string): number {
  const current = stateAsOf(events, asOf);
  if (!current || !countsAsReported(current.toState)) return 0;
  const submissions = events.filter((e) => e.toState === "submitted");
  return stateAsOf(submissions, asOf)?.totalCents ?? 0;
}

/** The bimesters (`YYYY-Bn`) a report's period covers. */
export function bimestersOf(periodFrom: string, periodTo: string): string[] {
  const out = new Set<string>();
  const last: Period = periodOf(periodTo);
  for (let month: Period = periodOf(periodFrom); month <= last; month = addMonths(month, 1)) out.add(bimesterKey(month));
  return [...out];
}

/** Total, by budget line and by category, of a report's expenses (the reimbursement request). */
export interface ReportExpenseFigure {
  amountCents: number;
  lineCode: string;
  lineTitle: string;
  category: string;
}

export function reimbursementRequest(expenses: readonly ReportExpenseFigure[]) {
  const byLine = new Map<string, { code: string; title: string; category: string; count: number; amountCents: number }>();
  const byCategory = new Map<string, { category: string; count: number; amountCents: number }>();
  let total = 0;
  for (const e of expenses) {
    total += e.amountCents;
    const line = byLine.get(e.lineCode) ?? { code: e.lineCode, title: e.lineTitle, category: e.category, count: 0, amountCents: 0 };
    line.count++;
    line.amountCents += e.amountCents;
    byLine.set(e.lineCode, line);
    const category = byCategory.get(e.category) ?? { category: e.category, count: 0, amountCents: 0 };
    category.count++;
    category.amountCents += e.amountCents;
    byCategory.set(e.category, category);
  }
  return {
    totalCents: total,
    count: expenses.length,
    byLine: [...byLine.values()].sort((a, b) => compareCodes(a.code, b.code)),
    byCategory: [...byCategory.values()].sort((a, b) => a.category.localeCompare(b.category)),
  };
}

/** Why a paid expense cannot go into a report (none: it can). */
export type IneligibleReason =
  | { kind: "reversed" }
  | { kind: "noInvoice" }
  | { kind: "checklist"; templateCode: string; state: string | null }
  | { kind: "inReport"; reportId: number; reportNumber: number; state: ReportState }
  | { kind: "outsidePeriod" };
