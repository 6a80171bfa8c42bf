import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { budgetCategories, fundingSources, ledgerKinds } from "../../app/domain/finance/finance-values";
import { versioned } from "./columns";
import { workPackage } from "./plan";
import { programme } from "./programme";

/** A budget line: money set aside for one purpose inside a work package. */
export const budgetLine = sqliteTable(
  "budget_line",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    workPackageId: integer()
      .notNull()
      .references(() => workPackage.id),
    code: text().notNull(),
    title: text().notNull(),
    category: text({ enum: budgetCategories }).notNull(),
    fundingSource: text({ enum: fundingSources }).notNull(),
    cup: text().notNull(),
    amountCents: integer().notNull(),
    ...versioned,
  },
  (table) => [
    uniqueIndex("budget_line_programme_code_idx").on(table.programmeId, table.code),
    index("budget_line_work_package_id_idx").on(table.workPackageId),
    check("budget_line_amount_check", sql`${table.amountCents} >= 0`),
  ],
);

/** Planned spend of a line by month ('YYYY-MM'); a line's months always sum to its amount. */
export const budgetLineProfile = sqliteTable(
  "budget_line_profile",
  {
    budgetLineId: integer()
      .notNull()
      .references(() => budgetLine.id, { onDelete: "cascade" }),
    month: text().notNull(),
    plannedCents: integer().notNull(),
  },
  (table) => [
    primaryKey({ name: "budget_line_profile_pk", columns: [table.budgetLineId, table.month] }),
    check("budget_line_profile_planned_check", sql`${table.plannedCents} >= 0`),
  ],
);

/** One CSV file loaded from the accounting system. The file hash makes a re-import detectable. */
export const importBatch = sqliteTable(
  "import_batch",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    fileHash: text().notNull(),
    rowCount: integer().notNull(),
    importedCount: integer().notNull(),
    skippedCount: integer().notNull(),
    importedById: integer(),
    importedByName: text().notNull(),
    importedAt: text().notNull(),
    /**
     * Published in bulk (one INSERT … SELECT from the staging table): the monthly totals are added
     * per month in the same transaction, so the per-row trigger skips this batch's entries.
     */
    bulk: integer({ mode: "boolean" }).notNull().default(false),
  },
  (table) => [uniqueIndex("import_batch_file_hash_idx").on(table.fileHash)],
);

/**
 * Commitments (impegni) and payments (pagamenti). Append-only: triggers reject UPDATE and DELETE;
 * a correction is a new entry that reverses an earlier one. Only reversals may be negative.
 */
export const ledgerEntry = sqliteTable(
  "ledger_entry",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    budgetLineId: integer()
      .notNull()
      .references(() => budgetLine.id),
    kind: text({ enum: ledgerKinds }).notNull(),
    entryDate: text().notNull(),
    amountCents: integer().notNull(),
    supplier: text().notNull(),
    cig: text(),
    documentNumber: text().notNull(),
    description: text().notNull().default(""),
    reversesEntryId: integer().references((): any => ledgerEntry.id),
    importBatchId: integer().references(() => importBatch.id),
    /** Hash of the entry's business fields: the same row imported twice is recognised. */
    fingerprint: text().notNull(),
    createdAt: text().notNull(),
    createdById: integer(),
  },
  (table) => [
    // Covering index: the spend aggregates read (line, kind, date, amount) without touching the table.
    index("ledger_entry_line_kind_date_amount_idx").on(table.budgetLineId, table.kind, table.entryDate, table.amountCents),
    uniqueIndex("ledger_entry_fingerprint_idx").on(table.fingerprint),
    // Ledger search and the import's reversal lookup by the reversed document's number.
    index("ledger_entry_document_number_idx").on(table.documentNumber),
    index("ledger_entry_reverses_entry_id_idx").on(table.reversesEntryId).where(sql`${table.reversesEntryId} is not null`),
    // Budget control of a procedure: what is committed under one CIG, read from the index alone.
    index("ledger_entry_cig_kind_line_amount_idx").on(table.cig, table.kind, table.budgetLineId, table.amountCents).where(sql`${table.cig} is not null`),
    check("ledger_entry_kind_check", sql`${table.kind} in ('commitment','payment')`),
    check("ledger_entry_amount_check", sql`${table.amountCents} <> 0 and (${table.amountCents} > 0 or ${table.reversesEntryId} is not null)`),
    check("ledger_entry_cig_check", sql`${table.cig} is null or length(${table.cig}) = 10`),
  ],
);

/**
 * Monthly totals per line and kind, kept by a trigger on every ledger insert (same transaction), so
 * the spend views never aggregate the whole ledger on a request.
 */
export const ledgerMonth = sqliteTable(
  "ledger_month",
  {
    budgetLineId: integer()
      .notNull()
      .references(() => budgetLine.id),
    kind: text({ enum: ledgerKinds }).notNull(),
    month: text().notNull(),
    amountCents: integer().notNull(),
    entryCount: integer().notNull(),
  },
  (table) => [primaryKey({ name: "ledger_month_pk", columns: [table.budgetLineId, table.kind, table.month] })],
);
