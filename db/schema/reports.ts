import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { reportStates } from "../../app/domain/reports/states";
import { versioned } from "./columns";
import { ledgerEntry } from "./finance";
import { programme } from "./programme";

/**
 * A rendiconto di progetto (RGS circular 30/2022, §5.3.2): paid expenses of one CUP and period put
 * forward for reimbursement. `number` is progressive per programme ("Rendiconto n. 3").
 */
export const expenseReport = sqliteTable(
  "expense_report",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    cup: text().notNull(),
    periodFrom: text().notNull(),
    periodTo: text().notNull(),
    note: text().notNull().default(""),
    state: text({ enum: reportStates }).notNull().default("draft"),
    /** Date (ISO) of the last state change; the history is in expense_report_event. */
    stateDate: text().notNull(),
    createdById: integer(),
    ...versioned,
  },
  (table) => [
    uniqueIndex("expense_report_programme_number_idx").on(table.programmeId, table.number),
    index("expense_report_state_idx").on(table.programmeId, table.state),
    check("expense_report_state_check", sql`${table.state} in ('draft','submitted','accepted','returned','rejected')`),
    check("expense_report_period_check", sql`${table.periodFrom} <= ${table.periodTo}`),
  ],
);

/**
 * One expense (a ledger payment) in a report, with its net amount when it was put in. "Never
 * twice": at most one ACTIVE row per ledger entry (partial unique index); a trigger clears
 * `active` on every row of a report when it is rejected, which frees its expenses.
 */
export const expenseReportItem = sqliteTable(
  "expense_report_item",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    reportId: integer()
      .notNull()
      .references(() => expenseReport.id, { onDelete: "cascade" }),
    ledgerEntryId: integer()
      .notNull()
      .references(() => ledgerEntry.id),
    amountCents: integer().notNull(),
    active: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [
    uniqueIndex("expense_report_item_active_entry_idx").on(table.ledgerEntryId).where(sql`${table.active} = 1`),
    uniqueIndex("expense_report_item_report_entry_idx").on(table.reportId, table.ledgerEntryId),
    check("expense_report_item_amount_check", sql`${table.amountCents} > 0`),
  ],
);

/**
 * The report's dated history, append-only (trigger): every state change with the date it took
 * effect, its note, who recorded it, the total and the expenses at that moment — so "rendicontato
 * as of any date" is computed from it.
 */
export const expenseReportEvent = sqliteTable(
  "expense_report_event",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    reportId: integer()
      .notNull()
      .references(() => expenseReport.id, { onDelete: "cascade" }),
    fromState: text({ enum: reportStates }),
    toState: text({ enum: reportStates }).notNull(),
    date: text().notNull(),
    note: text().notNull().default(""),
    totalCents: integer().notNull(),
    /** JSON array of the ledger entry ids in the report at this change. */
    ledgerEntryIds: text().notNull().default("[]"),
    /** On a submission: the attestation of the checks made, frozen as it was presented (JSON). */
    attestation: text(),
    at: text().notNull(),
    byId: integer(),
    byName: text().notNull(),
  },
  (table) => [index("expense_report_event_report_idx").on(table.reportId, table.date)],
);
