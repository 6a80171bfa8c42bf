import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Progress of background ledger imports, in SQLite so that whichever worker process answers the
 * page's polling sees the job the other one runs. `state` is JSON: { progress, result, error }.
 * Bookkeeping, not a record: the import itself is audited; rows older than a day are swept.
 */
export const importJob = sqliteTable("import_job", {
  id: text().primaryKey(),
  actorId: integer().notNull(),
  fileName: text().notNull(),
  startedAt: integer().notNull(),
  updatedAt: integer().notNull(),
  state: text().notNull(),
});
