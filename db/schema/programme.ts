import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { versioned } from "./columns";

export const programme = sqliteTable(
  "programme",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    slug: text().notNull().unique(),
    name: text().notNull(),
    cup: text().notNull(),
    measureCode: text().notNull(),
    implementingBody: text().notNull(),
    executingPartner: text(),
    totalBudgetCents: integer().notNull(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    ...versioned,
  },
  (table) => [
    check("programme_dates_check", sql`${table.endDate} >= ${table.startDate}`),
    check("programme_budget_check", sql`${table.totalBudgetCents} >= 0`),
  ],
);

/** A date the programme must meet (PNRR deadline); work packages and milestones name the gate they serve. */
export const deadlineGate = sqliteTable(
  "deadline_gate",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text().notNull(),
    dueDate: text().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (table) => [
    uniqueIndex("deadline_gate_programme_code_idx").on(table.programmeId, table.code),
    index("deadline_gate_programme_id_idx").on(table.programmeId),
  ],
);
