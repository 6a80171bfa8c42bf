import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { programme } from "./programme";
import { user } from "./user";

/**
 * One reschedule made on the Gantt chart (a drag, with the dependents it pushed), kept so its
 * author can undo it. Undo writes a new audited change restoring the dates; this row only
 * records that it was undone. The audit trail stays the record of what happened.
 */
export const ganttChange = sqliteTable(
  "gantt_change",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => user.id),
    createdAt: text().notNull(),
    /** Human summary, e.g. "WP2.4 +3 gg; sposta anche 2 elementi". */
    summary: text().notNull(),
    /** JSON list of { kind, id, before: {dates…}, after: {dates…}, version } per item written. */
    changesJson: text().notNull(),
    undoneAt: text(),
  },
  (table) => [index("gantt_change_programme_id_idx").on(table.programmeId), index("gantt_change_user_id_idx").on(table.userId)],
);
