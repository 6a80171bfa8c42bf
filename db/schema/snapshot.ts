import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { programme } from "./programme";

export const snapshotKinds = ["manual", "month_end"] as const;
export type SnapshotKind = (typeof snapshotKinds)[number];

/**
 * A frozen, hashed copy of the programme's state on a date. Rows are immutable: triggers (migration
 * snapshot_immutable) abort any UPDATE or DELETE, and no code path issues one. `content` is the
 * canonical JSON the `hash` (SHA-256, hex) is computed over; it stores aggregates, never the ledger.
 * No cascade from programme: a snapshot must outlive edits to what it describes.
 */
export const snapshot = sqliteTable(
  "snapshot",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id),
    label: text().notNull(),
    kind: text({ enum: snapshotKinds }).notNull(),
    /** The calendar date the states are assessed on (and the ledger is summed up to), ISO. */
    asOf: text().notNull(),
    /** Month-end snapshots name their month (YYYY-MM), so the scheduler can never take two. */
    period: text(),
    takenAt: text().notNull(),
    takenById: integer(),
    takenByName: text().notNull(),
    content: text().notNull(),
    hash: text().notNull(),
    sizeBytes: integer().notNull(),
  },
  (table) => [
    index("snapshot_programme_id_idx").on(table.programmeId, table.asOf),
    uniqueIndex("snapshot_month_end_period_idx")
      .on(table.programmeId, table.period)
      .where(sql`${table.kind} = 'month_end'`),
    check("snapshot_kind_check", sql`${table.kind} in ('manual','month_end')`),
    check("snapshot_hash_check", sql`length(${table.hash}) = 64`),
  ],
);
