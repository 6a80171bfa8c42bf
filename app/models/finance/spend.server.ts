import type BetterSqlite3 from "better-sqlite3";
import { asc, eq, inArray } from "drizzle-orm";
import { budgetLine, deadlineGate, programme, task, workPackage } from "#db/schema";
import { isIsoDate } from "~/domain/core/dates";
import { computeEvm, sumEvm, type EvmResult } from "~/domain/evm";
import type { LedgerKind } from "~/domain/finance/finance-values";
import type { Cents } from "~/domain/core/money";
import { daysInMonth, monthOf, monthsBetween, plannedUpTo, quarterOf, type Month } from "~/domain/finance/profile";
import { weightedProgress } from "~/domain/plan/status";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { getDb } from "~/models/core/db.server";
import { NotFoundError } from "~/models/core/errors.server";
import { cachedRead } from "~/models/core/read-cache.server";
import { reportedFigures } from "~/models/reports/report.server";

/**
 * Spend against plan, as of any date. The ledger is append-only, so "as of" is exact: months
 * before the as-of month come from the monthly totals the insert trigger keeps; the as-of month
 * itself is summed from the entries dated up to that day.
 */
export const SPEND_SQL = {
  profile: `select p.budget_line_id, p.month, p.planned_cents
              from budget_line_profile p join budget_line l on l.id = p.budget_line_id
             where l.programme_id = ?`,
  closedMonths: `select m.budget_line_id, m.kind, m.month, m.amount_cents
                   from budget_line l join ledger_month m on m.budget_line_id = l.id
                  where l.programme_id = ? and m.month < ?`,
  partialMonth: `select e.budget_line_id, e.kind, sum(e.amount_cents) as amount_cents
                   from budget_line l join ledger_entry e
                     on e.budget_line_id = l.id and e.kind in ('commitment', 'payment') and e.entry_date between ? and ?
                  where l.programme_id = ?
                  group by e.budget_line_id, e.kind`,
};

type ActualRow = [lineId: number, kind: LedgerKind, month: Month, cents: Cents];

/** The three statements above, run bare: what the spend views need from SQLite. */
type Statement = BetterSqlite3.Statement<unknown[]>;
/** Prepared once per connection: preparing is part of what a request would otherwise repeat. */
const prepared = new WeakMap<object, Record<keyof typeof SPEND_SQL, Statement>>();

export function readSpendRows(programmeId: number, asOf: string) {
  const client = getDb().$client;
  let statements = prepared.get(client);
  if (!statements) {
    statements = {
      profile: client.prepare<unknown[]>(SPEND_SQL.profile).raw(),
      closedMonths: client.prepare<unknown[]>(SPEND_SQL.closedMonths).raw(),
      partialMonth: client.prepare<unknown[]>(SPEND_SQL.partialMonth).raw(),
    };
    prepared.set(client, statements);
  }
  const asOfMonth = monthOf(asOf);
  const profile = statements.profile.all(programmeId) as unknown as [number, Month, Cents][];
  const actuals = statements.closedMonths.all(programmeId, asOfMonth) as unknown as ActualRow[];
  const partial = statements.partialMonth.all(`${asOfMonth}-01`, asOf, programmeId) as unknown as [number, LedgerKind, Cents][];
  for (const [lineId, kind, cents] of partial) actuals.push([lineId, kind, asOfMonth, cents]);
  return { profile, actuals };
}

/** 'YYYY-MM' → year × 12 + month, read straight from the character codes (no allocation). */
function monthNumber(month: Month): number {
  const year = month.charCodeAt(0) * 1000 + month.charCodeAt(1) * 100 + month.charCodeAt(2) * 10 + month.charCodeAt(3) - 48 * 1111;
  return year * 12 + month.charCodeAt(5) * 10 + month.charCodeAt(6) - 48 * 11;
}

export interface LineFigures {
  id: number;
  code: string;
  title: string;
  category: string;
  fundingSource: string;
  workPackageId: number;
  amountCents: Cents;
  plannedToDate: Cents;
  committed: Cents;
  paid: Cents;
  /** Per month of the range (same index as `range`): planned (whole month), committed and paid up to the as-of date. */
  planned: Cents[];
  committedByMonth: Cents[];
  paidByMonth: Cents[];
}

/** What the spend views read besides task progress: a task edit leaves their cached part alone. */
const SPEND_TABLES = ["programme", "work_package", "deadline_gate", "budget_line", "budget_line_profile", "ledger_month", "ledger_entry"] as const;
/** The summary's S-curve adds the reports' history (Rendicontato). */
const SUMMARY_TABLES = [...SPEND_TABLES, "expense_report", "expense_report_event"] as const;

/** Before any cached read: the cache does not know who asks. */
function checkSpendRead(actor: Actor, asOf: string) {
  requirePermission(actor, "read:programme");
  if (!isIsoDate(asOf)) throw new RangeError(`Not an ISO date: ${asOf}`);
}

/** The ledger against the plan as of a date, kept per worker until one of SPEND_TABLES is written (read-cache). */
function loadSpend(actor: Actor, programmeId: number, asOf: string) {
  checkSpendRead(actor, asOf);
  return cachedRead("finance.spend", [programmeId, asOf], SPEND_TABLES, () => computeSpend(programmeId, asOf));
}

function computeSpend(programmeId: number, asOf: string) {
  const db = getDb();
  const prog = db.select().from(programme).where(eq(programme.id, programmeId)).get();
  if (!prog) throw new NotFoundError("programme", programmeId);
  const workPackages = db
    .select({ id: workPackage.id, code: workPackage.code, title: workPackage.title })
    .from(workPackage)
    .where(eq(workPackage.programmeId, programmeId))
    .orderBy(asc(workPackage.sortOrder), asc(workPackage.code))
    .all();
  const gates = db.select().from(deadlineGate).where(eq(deadlineGate.programmeId, programmeId)).orderBy(asc(deadlineGate.dueDate)).all();
  const lineRows = db
    .select({
      id: budgetLine.id,
      code: budgetLine.code,
      title: budgetLine.title,
      category: budgetLine.category,
      fundingSource: budgetLine.fundingSource,
      workPackageId: budgetLine.workPackageId,
      amountCents: budgetLine.amountCents,
    })
    .from(budgetLine)
    .where(eq(budgetLine.programmeId, programmeId))
    .orderBy(asc(budgetLine.code))
    .all();
  const { profile, actuals } = readSpendRows(programmeId, asOf);
  const asOfMonth = monthOf(asOf);
  // The range runs from the programme's first month to its end (at least June 2026), or further
  // if the plan, the ledger or the as-of date go beyond.
  let firstMonth = monthOf(prog.startDate);
  let lastMonth = [monthOf(prog.endDate), "2026-06", asOfMonth].reduce((a, b) => (a > b ? a : b));
  for (let r = 0; r < profile.length; r++) {
    const month = profile[r][1];
    if (month < firstMonth) firstMonth = month;
    if (month > lastMonth) lastMonth = month;
  }
  for (let r = 0; r < actuals.length; r++) {
    const month = actuals[r][2];
    if (month < firstMonth) firstMonth = month;
    if (month > lastMonth) lastMonth = month;
  }
  const range = monthsBetween(firstMonth, lastMonth);
  const monthIndex = new Map(range.map((month, i) => [month, i]));
  // Tens of thousands of rows go through these two loops on every request: months become array
  // positions by arithmetic on their digits, lines are found by id in a plain array.
  const base = monthNumber(firstMonth);
  const zeros = () => new Array<number>(range.length).fill(0);
  const byId: LineFigures[] = [];
  for (const line of lineRows) byId[line.id] = { ...line, plannedToDate: 0, committed: 0, paid: 0, planned: zeros(), committedByMonth: zeros(), paidByMonth: zeros() };
  for (let r = 0; r < profile.length; r++) {
    const row = profile[r];
    const line = byId[row[0]];
    const month = row[1];
    const cents = row[2];
    line.planned[monthNumber(month) - base] += cents;
    line.plannedToDate += month < asOfMonth ? cents : plannedUpTo(month, cents, asOf);
  }
  for (let r = 0; r < actuals.length; r++) {
    const row = actuals[r];
    const line = byId[row[0]];
    const kind = row[1];
    const cents = row[3];
    const i = monthNumber(row[2]) - base;
    if (kind === "commitment") {
      line.committedByMonth[i] += cents;
      line.committed += cents;
    } else {
      line.paidByMonth[i] += cents;
      line.paid += cents;
    }
  }
  return { programme: prog, workPackages, gates, lines: lineRows.map((line) => byId[line.id]), asOf, range, monthIndex };
}

const sum = <T,>(items: readonly T[], pick: (item: T) => number) => items.reduce((a, item) => a + pick(item), 0);

function wpEvm(lines: LineFigures[], progress: number): EvmResult {
  return computeEvm({ budget: sum(lines, (l) => l.amountCents), plannedValue: sum(lines, (l) => l.plannedToDate), progress, actualCost: sum(lines, (l) => l.paid) });
}

function progressByWorkPackage(workPackageIds: number[]) {
  if (!workPackageIds.length) return new Map<number, number>();
  const tasks = getDb()
    .select({ workPackageId: task.workPackageId, startDate: task.startDate, endDate: task.endDate, progress: task.progress })
    .from(task)
    .where(inArray(task.workPackageId, workPackageIds))
    .all();
  return new Map(workPackageIds.map((id) => [id, weightedProgress(tasks.filter((t) => t.workPackageId === id))]));
}

/**
 * Programme summary, S-curve series and per-work-package figures as of a date. Everything but the
 * earned-value forecasts comes from the ledger and the reports, cached until they change; the
 * forecasts read task progress, which the plan's editors change all day, so they are computed on
 * each request from the cached ledger figures.
 */
export function getSpendSummary(actor: Actor, programmeId: number, asOf: string) {
  checkSpendRead(actor, asOf);
  // One entry for the ledger's figures and what is derived from them: both read after the
  // counters that key them, so another worker's write in between can never be cached as older.
  const ledger = cachedRead("finance.summary", [programmeId, asOf], SUMMARY_TABLES, () => {
    const spend = computeSpend(programmeId, asOf);
    return { data: spend, ...summaryOfLedger(spend) };
  });
  const data = ledger.data;
  const progress = progressByWorkPackage(data.workPackages.map((wp) => wp.id));
  const evmOf = (wp: { id: number }) => wpEvm(ledger.linesByWorkPackage.get(wp.id) ?? [], progress.get(wp.id) ?? 0);
  const byWorkPackage = data.workPackages.map((wp) => {
    const evm = evmOf(wp);
    return { ...wp, budget: evm.bac, plannedToDate: evm.pv, committed: ledger.committedByWorkPackage.get(wp.id) ?? 0, paid: evm.ac, absorption: evm.pv > 0 ? evm.ac / evm.pv : null, eac: evm.eac };
  });
  const total = sumEvm(data.workPackages.map(evmOf));
  return {
    asOf,
    programme: ledger.programme,
    gates: ledger.gates,
    summary: {
      budget: total.bac,
      programmeTotal: data.programme.totalBudgetCents,
      budgetDifference: total.bac - data.programme.totalBudgetCents,
      plannedToDate: total.pv,
      committed: ledger.committed,
      paid: total.ac,
      reported: ledger.reported,
      absorption: total.pv > 0 ? total.ac / total.pv : null,
      variance: total.ac - total.pv,
      forecastAtCompletion: total.eac,
      /** Budget control: commitments beyond the programme total, and lines committed beyond their budget. */
      overCommitted: ledger.committed > data.programme.totalBudgetCents,
      overCommittedLines: ledger.overCommittedLines,
    },
    months: ledger.months,
    byWorkPackage,
  };
}

/** The summary's parts that depend only on the ledger, the plan's budget and the reports. */
function summaryOfLedger(data: ReturnType<typeof computeSpend>) {
  const { asOf, programme: prog } = data;
  const programmeId = prog.id;
  const asOfMonth = monthOf(asOf);
  let cumPlanned = 0;
  let cumCommitted = 0;
  let cumPaid = 0;
  const months = data.range.map((month, i) => {
    let planned = 0;
    let committed = 0;
    let paid = 0;
    for (const line of data.lines) {
      planned += line.planned[i];
      committed += line.committedByMonth[i];
      paid += line.paidByMonth[i];
    }
    cumPlanned += planned;
    cumCommitted += committed;
    cumPaid += paid;
    const known = month <= asOfMonth;
    return { month, planned, committed, paid, cumPlanned, cumCommitted: known ? cumCommitted : null, cumPaid: known ? cumPaid : null, cumReported: null as number | null };
  });
  // Rendicontato (issue 14): expenses in reports submitted or accepted as of each date.
  const reported = reportedFigures(getDb(), programmeId, asOf, data.range);
  months.forEach((m, i) => Object.assign(m, { cumReported: reported.cumReportedByMonth[i] }));
  const linesByWorkPackage = new Map(data.workPackages.map((wp) => [wp.id, data.lines.filter((line) => line.workPackageId === wp.id)]));
  const committed = sum(data.lines, (l) => l.committed);
  return {
    programme: { id: prog.id, name: prog.name, totalBudgetCents: prog.totalBudgetCents },
    gates: data.gates.map((gate) => ({ code: gate.code, name: gate.name, nameEn: gate.nameEn, dueDate: gate.dueDate, month: monthOf(gate.dueDate) })),
    months,
    reported: reported.reported,
    committed,
    linesByWorkPackage,
    committedByWorkPackage: new Map([...linesByWorkPackage].map(([id, lines]) => [id, sum(lines, (l) => l.committed)])),
    overCommittedLines: data.lines
      .filter((line) => line.committed > line.amountCents)
      .map((line) => ({ id: line.id, code: line.code, committed: line.committed, budget: line.amountCents })),
  };
}

/** Over- or under-spend of a period, once it has begun: beyond ±10% of plan and more than € 1.000. */
export function spendFlag(planned: Cents, paid: Cents): "over" | "under" | null {
  const gap = paid - planned;
  if (Math.abs(gap) <= 100_000) return null;
  if (paid > planned * 1.1) return "over";
  if (paid < planned * 0.9) return "under";
  return null;
}

/** Work package × budget line × quarter of one year, each cell planned (to date) vs committed and paid. */
export function getSpendTable(actor: Actor, programmeId: number, asOf: string, year: number) {
  const data = loadSpend(actor, programmeId, asOf);
  const quarters = [1, 2, 3, 4].map((quarter) => {
    const first = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}`;
    const months = monthsBetween(first, `${year}-${String(quarter * 3).padStart(2, "0")}`);
    const last = months[months.length - 1];
    return { key: `${year}-Q${quarter}`, quarter, year, months, started: `${first}-01` <= asOf, from: `${first}-01`, to: `${last}-${daysInMonth(last)}` };
  });
  type Cell = { planned: Cents; plannedToDate: Cents; committed: Cents; paid: Cents; flag: "over" | "under" | null };
  const cellOf = (lines: LineFigures[], months: Month[], started: boolean): Cell => {
    let planned = 0;
    let plannedToDate = 0;
    let committed = 0;
    let paid = 0;
    for (const line of lines)
      for (const month of months) {
        const i = data.monthIndex.get(month);
        if (i === undefined) continue;
        planned += line.planned[i];
        plannedToDate += plannedUpTo(month, line.planned[i], asOf);
        committed += line.committedByMonth[i];
        paid += line.paidByMonth[i];
      }
    return { planned, plannedToDate, committed, paid, flag: started ? spendFlag(plannedToDate, paid) : null };
  };
  const yearMonths = quarters.flatMap((q) => q.months);
  const rowOf = (lines: LineFigures[]) => ({
    quarters: quarters.map((q) => cellOf(lines, q.months, q.started)),
    year: cellOf(lines, yearMonths, quarters[0].started),
    toDate: { budget: sum(lines, (l) => l.amountCents), plannedToDate: sum(lines, (l) => l.plannedToDate), committed: sum(lines, (l) => l.committed), paid: sum(lines, (l) => l.paid) },
  });
  const years = [...new Set(data.range.map((month) => quarterOf(month).year))];
  return {
    asOf,
    year,
    years,
    quarters: quarters.map(({ key, quarter, from, to, started }) => ({ key, quarter, from, to, started })),
    workPackages: data.workPackages.map((wp) => {
      const lines = data.lines.filter((line) => line.workPackageId === wp.id);
      return {
        ...wp,
        ...rowOf(lines),
        lines: lines.map((line) => ({ id: line.id, code: line.code, title: line.title, ...rowOf([line]) })),
      };
    }),
    total: rowOf(data.lines),
    /** The programme's total: the limit the total row's commitments are checked against (as on the summary). */
    programmeTotal: data.programme.totalBudgetCents,
  };
}

/** Earned value per work package, with the programme total. */
export function getEarnedValue(actor: Actor, programmeId: number, asOf: string) {
  const data = loadSpend(actor, programmeId, asOf);
  const progress = progressByWorkPackage(data.workPackages.map((wp) => wp.id));
  const rows = data.workPackages.map((wp) => {
    const p = progress.get(wp.id) ?? 0;
    return { ...wp, progress: p, evm: wpEvm(data.lines.filter((l) => l.workPackageId === wp.id), p) };
  });
  const total = sumEvm(rows.map((row) => row.evm));
  const totalBudget = total.bac;
  const totalProgress = totalBudget > 0 ? Math.round((total.ev / totalBudget) * 100) : 0;
  return { asOf, workPackages: rows, total, totalProgress };
}
