import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { partyKinds, partyRoles, procedureTypes } from "../../app/domain/procurement/values";
import { versioned } from "./columns";
import { budgetLine } from "./finance";
import { programme } from "./programme";

/**
 * A supplier (soggetto): one row per codice fiscale / partita IVA, shared by every procedure it
 * takes part in. The tax code is stored normalised and was checked (check digit) on the way in.
 */
export const supplier = sqliteTable(
  "supplier",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    taxCode: text().notNull(),
    name: text().notNull(),
    legalForm: text().notNull().default(""),
    atecoCode: text().notNull().default(""),
    ...versioned,
  },
  (table) => [uniqueIndex("supplier_tax_code_idx").on(table.taxCode)],
);

/** A procurement procedure (procedura di aggiudicazione), one per CIG within a programme. */
export const procurementProcedure = sqliteTable(
  "procurement_procedure",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    cig: text().notNull(),
    cup: text().notNull(),
    subject: text().notNull(),
    procedureType: text({ enum: procedureTypes }).notNull(),
    tenderedCents: integer().notNull(),
    awardedCents: integer(),
    awardDate: text(),
    contractDate: text(),
    ...versioned,
  },
  (table) => [
    uniqueIndex("procurement_procedure_programme_cig_idx").on(table.programmeId, table.cig),
    index("procurement_procedure_cup_idx").on(table.cup),
    check("procurement_procedure_cig_check", sql`length(${table.cig}) = 10`),
    check("procurement_procedure_amounts_check", sql`${table.tenderedCents} >= 0 and (${table.awardedCents} is null or ${table.awardedCents} >= 0)`),
  ],
);

/** The budget lines a procedure finances. */
export const procedureBudgetLine = sqliteTable(
  "procedure_budget_line",
  {
    procedureId: integer()
      .notNull()
      .references(() => procurementProcedure.id, { onDelete: "cascade" }),
    budgetLineId: integer()
      .notNull()
      .references(() => budgetLine.id),
  },
  (table) => [
    primaryKey({ name: "procedure_budget_line_pk", columns: [table.procedureId, table.budgetLineId] }),
    index("procedure_budget_line_budget_line_id_idx").on(table.budgetLineId),
  ],
);

/** A supplier's part in a procedure: a winner (alone or in a grouping) or a subcontractor. */
export const procedureParty = sqliteTable(
  "procedure_party",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    procedureId: integer()
      .notNull()
      .references(() => procurementProcedure.id, { onDelete: "cascade" }),
    supplierId: integer()
      .notNull()
      .references(() => supplier.id),
    kind: text({ enum: partyKinds }).notNull(),
    role: text({ enum: partyRoles }).notNull(),
    ...versioned,
  },
  (table) => [
    uniqueIndex("procedure_party_unique_idx").on(table.procedureId, table.supplierId, table.kind),
    index("procedure_party_supplier_id_idx").on(table.supplierId),
  ],
);
