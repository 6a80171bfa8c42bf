import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { programme } from "./programme";
import { snapshot } from "./snapshot";

/**
 * A closed month (the monthly ReGiS validation). Immutable (trigger): a month once closed stays
 * closed, and everything dated up to its last day is locked (see assertMonthOpen).
 */
export const monthClose = sqliteTable(
  "month_close",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id),
    /** YYYY-MM */
    period: text().notNull(),
    closedAt: text().notNull(),
    closedById: integer(),
    closedByName: text().notNull(),
    snapshotId: integer()
      .notNull()
      .references(() => snapshot.id),
    snapshotHash: text().notNull(),
    /** Why the remaining findings were accepted ("" when the pre-check was clean). */
    acceptReason: text().notNull().default(""),
    /** JSON array of the findings accepted at close: { key, checkId, severity, message, href }. */
    acceptedFindings: text().notNull().default("[]"),
    findingCount: integer().notNull().default(0),
  },
  (table) => [
    uniqueIndex("month_close_programme_period_idx").on(table.programmeId, table.period),
    index("month_close_snapshot_id_idx").on(table.snapshotId),
  ],
);
