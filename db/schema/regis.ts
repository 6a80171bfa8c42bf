import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { monthClose } from "./close";
import { programme } from "./programme";

/**
 * The ReGiS data pack of one CUP for a closed month, frozen when the month is closed: the flat
 * files' text exactly as they were built then, so every later download yields the same bytes.
 * Append-only (triggers): a later correction goes into a later month's pack.
 */
export const regisPack = sqliteTable(
  "regis_pack",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => programme.id),
    monthCloseId: integer()
      .notNull()
      .references(() => monthClose.id),
    /** YYYY-MM */
    period: text().notNull(),
    cup: text().notNull(),
    /** JSON array of { name, text } in the ZIP's order (manifest last). */
    files: text().notNull(),
    /** SHA-256 of the manifest, which lists every other file's hash. */
    manifestSha256: text().notNull(),
    createdAt: text().notNull(),
  },
  (table) => [
    uniqueIndex("regis_pack_programme_period_cup_idx").on(table.programmeId, table.period, table.cup),
    index("regis_pack_month_close_id_idx").on(table.monthCloseId),
  ],
);
