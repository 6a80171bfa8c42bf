import { sql } from "drizzle-orm";
import { procedureCommitments } from "~/models/procurement/procedure.server";
import { budgetOverruns, procedureOverruns, type Addition, type BudgetState, type Overrun, type OverrunConfirmation } from "~/domain/finance/budget-control";
import { formatEuro } from "~/domain/core/money";
import type { Conn } from "~/models/core/db.server";
import { ValidationError, type FieldIssue } from "~/models/core/errors.server";

/**
 * Budget control on the server: reads the current totals (from the monthly totals the ledger
 * trigger keeps, so it costs a few rows whatever the ledger's size), asks every registered check
 * which limits the additions cross, and refuses the write unless the user confirmed with a reason.
 */
export type BudgetCheck = (conn: Conn, programmeId: number, additions: readonly Addition[]) => Overrun[];

/** Reads what the line/programme checks need. */
export function budgetState(conn: Conn, programmeId: number): BudgetState {
  const rows = conn.all<{ id: number; code: string; budget: number; committed: number; paid: number }>(sql`
    select l.id, l.code, l.amount_cents as budget,
           coalesce((select sum(m.amount_cents) from ledger_month m where m.budget_line_id = l.id and m.kind = 'commitment'), 0) as committed,
           coalesce((select sum(m.amount_cents) from ledger_month m where m.budget_line_id = l.id and m.kind = 'payment'), 0) as paid
      from budget_line l where l.programme_id = ${programmeId}`);
  const programme = conn.get<{ name: string; total: number } | undefined>(sql`select name, total_budget_cents as total from programme where id = ${programmeId}`);
  const lines = new Map(rows.map((row) => [row.id, { code: row.code, budget: row.budget, committed: row.committed, paid: row.paid }]));
  return { programme: { name: programme?.name ?? "", total: programme?.total ?? 0, committed: rows.reduce((a, row) => a + row.committed, 0) }, lines };
}

const lineAndProgramme: BudgetCheck = (conn, programmeId, additions) => budgetOverruns(budgetState(conn, programmeId), additions);

/** Commitments beyond the awarded amount of the procedure their CIG names (issue 13). */
const procedureAwarded: BudgetCheck = (conn, programmeId, additions) => {
  const cigs = additions.filter((a) => a.kind === "commitment" && a.amountCents > 0 && a.cig).map((a) => a.cig!);
  return cigs.length ? procedureOverruns(procedureCommitments(conn, programmeId, cigs), additions) : [];
};

/** Every check a ledger write passes; another module may add its own (same confirmation, same audit). */
export const budgetChecks: BudgetCheck[] = [lineAndProgramme, procedureAwarded];

export function registerBudgetCheck(check: BudgetCheck) {
  if (!budgetChecks.includes(check)) budgetChecks.push(check);
}

export function findOverruns(conn: Conn, programmeId: number, additions: readonly Addition[]): Overrun[] {
  return budgetChecks.flatMap((check) => check(conn, programmeId, additions));
}

/** The text parameters of one overrun, for its message. */
export function overrunParams(overrun: Overrun) {
  return { subject: overrun.subject, limit: formatEuro(overrun.limit), after: formatEuro(overrun.after), excess: formatEuro(overrun.after - overrun.limit) };
}

/**
 * Refuses the write unless every overrun was confirmed with a reason. Returns what goes into the
 * audit record (nothing when there was nothing to confirm).
 */
export function requireOverrunConfirmation(overruns: readonly Overrun[], confirmation: Partial<OverrunConfirmation> | undefined) {
  if (!overruns.length) return {};
  const issues: FieldIssue[] = [];
  if (!confirmation?.confirmed)
    for (const overrun of overruns) issues.push({ field: "confirmOverCommitment", message: { key: `finance.overrun.${overrun.check}`, params: overrunParams(overrun) } });
  else if (!confirmation.reason?.trim()) issues.push({ field: "overrunReason", message: { key: "finance.overrun.reasonRequired" } });
  if (issues.length) throw new ValidationError(issues);
  return {
    overrunsConfirmed: overruns.map((o) => ({ check: o.check, subject: o.subject, limitCents: o.limit, afterCents: o.after })),
    overrunReason: confirmation!.reason!.trim(),
  };
}
