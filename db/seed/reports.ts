import { eq } from "drizzle-orm";
import type { Actor } from "../../app/models/core/actor.server";
import { createReport, getExpenseCandidates, moveReport } from "../../app/models/reports/report.server";
import type { Db } from "../client";
import { expenseReport } from "../schema";
import { FINANCE_CUP } from "./finance-data";

/**
 * The demo's rendiconti di progetto: report n. 1 (May–June 2024) submitted and accepted, report
 * n. 2 (July–August 2024) a draft, each with every eligible expense of its period (invoice linked,
 * procedure checklists verified: the cloud call-off and the in-house work). Written through the
 * model, so eligibility, the never-twice index, the history and the audit trail hold as in use.
 * Runs before the months are closed (a state change is never dated in a closed month).
 */
export function seedExpenseReports(db: Db, programmeId: number, finance: Actor, manager: Actor, today: string) {
  if (db.select({ id: expenseReport.id }).from(expenseReport).where(eq(expenseReport.programmeId, programmeId)).limit(1).get()) return 0;
  const eligible = (periodFrom: string, periodTo: string) =>
    getExpenseCandidates(finance, programmeId, { cup: FINANCE_CUP, periodFrom, periodTo })
      .filter((c) => c.reasons.length === 0)
      .map((c) => c.id);
  let created = 0;
  const first = { cup: FINANCE_CUP, periodFrom: "2024-05-01", periodTo: "2024-06-30" };
  const firstIds = eligible(first.periodFrom, first.periodTo);
  if (firstIds.length && today >= "2024-09-10") {
    let report = createReport(finance, programmeId, { ...first, note: "Rendiconto del III bimestre 2024.", ledgerEntryIds: firstIds }, "2024-07-08");
    report = moveReport(finance, { id: report.id, version: report.version, move: "submit", date: "2024-07-15", note: "Presentato su ReGiS con l'attestazione delle verifiche." }, today);
    moveReport(manager, { id: report.id, version: report.version, move: "accept", date: "2024-09-10", note: "Esito positivo dell'Unità di missione PNRR del Ministero della Salute." }, today);
    created++;
  }
  const second = { cup: FINANCE_CUP, periodFrom: "2024-07-01", periodTo: "2024-08-31" };
  const secondIds = eligible(second.periodFrom, second.periodTo);
  if (secondIds.length && today >= "2024-09-12") {
    createReport(finance, programmeId, { ...second, note: "Rendiconto del IV bimestre 2024, in preparazione.", ledgerEntryIds: secondIds }, "2024-09-12");
    created++;
  }
  return created;
}
