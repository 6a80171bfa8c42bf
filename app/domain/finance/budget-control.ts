import type { Cents } from "~/domain/core/money";
import type { LedgerKind } from "./finance-values";

/**
 * Budget control: which limits a set of new ledger entries would cross. Pure: the caller hands
 * the current totals and the additions; the answer is the list of overruns, each of which needs an
 * explicit confirmation with a reason before the write (form or import) goes ahead.
 *
 * A check is a function from (state, additions) to overruns, so another limit (e.g. "procedure
 * awarded amount exceeded") plugs in next to these three with the same confirmation and audit.
 */
export const overrunChecks = ["lineBudget", "programmeTotal", "paymentsOverCommitted", "procedureAwarded"] as const;
export type OverrunCheck = (typeof overrunChecks)[number];

export interface Overrun {
  check: OverrunCheck;
  /** What is exceeded: a budget line's code, the programme's name, or a procedure's CIG. */
  subject: string;
  /** The limit (budget, programme total, committed) and the figure after the write. */
  limit: Cents;
  after: Cents;
}

export interface LineState {
  code: string;
  budget: Cents;
  committed: Cents;
  paid: Cents;
}

export interface BudgetState {
  programme: { name: string; total: Cents; committed: Cents };
  lines: ReadonlyMap<number, LineState>;
}

export interface Addition {
  budgetLineId: number;
  kind: LedgerKind;
  amountCents: Cents;
  /** The procedure the entries name, when they name one (checked against its awarded amount). */
  cig?: string | null;
}

/** Net additions per line and kind. */
function deltas(additions: Iterable<Addition>) {
  const byLine = new Map<number, { committed: Cents; paid: Cents }>();
  for (const addition of additions) {
    const delta = byLine.get(addition.budgetLineId) ?? { committed: 0, paid: 0 };
    if (addition.kind === "commitment") delta.committed += addition.amountCents;
    else delta.paid += addition.amountCents;
    byLine.set(addition.budgetLineId, delta);
  }
  return byLine;
}

/**
 * The three checks of issue 12.3: a commitment that takes its line above the line's budget, or the
 * programme above its total; a payment (or a reversed commitment) that leaves a line paying more
 * than it committed. Only limits the additions make worse are reported.
 */
export function budgetOverruns(state: BudgetState, additions: Iterable<Addition>): Overrun[] {
  const overruns: Overrun[] = [];
  let programmeDelta = 0;
  for (const [lineId, delta] of deltas(additions)) {
    const line = state.lines.get(lineId);
    if (!line) continue;
    programmeDelta += delta.committed;
    const committed = line.committed + delta.committed;
    const paid = line.paid + delta.paid;
    if (delta.committed > 0 && committed > line.budget) overruns.push({ check: "lineBudget", subject: line.code, limit: line.budget, after: committed });
    if ((delta.paid > 0 || delta.committed < 0) && paid > committed) overruns.push({ check: "paymentsOverCommitted", subject: line.code, limit: committed, after: paid });
  }
  const committedTotal = state.programme.committed + programmeDelta;
  if (programmeDelta > 0 && committedTotal > state.programme.total)
    overruns.push({ check: "programmeTotal", subject: state.programme.name, limit: state.programme.total, after: committedTotal });
  return overruns;
}

/** A confirmation given by the user for the overruns shown to them. */
export interface OverrunConfirmation {
  confirmed: boolean;
  reason: string;
}

/** A registered procedure as budget control sees it: its ceiling and what is committed under it. */
export interface ProcedureState {
  /** The awarded amount; the tendered amount until the procedure is awarded. */
  ceiling: Cents;
  committed: Cents;
}

/**
 * Issue 13: commitments that take a procedure's committed total above its awarded amount. Keyed by
 * CIG; additions naming a CIG with no registered procedure are not this check's business (the
 * register check refuses them). Only procedures the additions make worse are reported.
 */
export function procedureOverruns(procedures: ReadonlyMap<string, ProcedureState>, additions: Iterable<Addition>): Overrun[] {
  const byCig = new Map<string, Cents>();
  for (const addition of additions)
    if (addition.kind === "commitment" && addition.cig) byCig.set(addition.cig, (byCig.get(addition.cig) ?? 0) + addition.amountCents);
  const overruns: Overrun[] = [];
  for (const [cig, delta] of byCig) {
    const procedure = procedures.get(cig);
    if (!procedure || delta <= 0) continue;
    const after = procedure.committed + delta;
    if (after > procedure.ceiling) overruns.push({ check: "procedureAwarded", subject: cig, limit: procedure.ceiling, after });
  }
  return overruns;
}
